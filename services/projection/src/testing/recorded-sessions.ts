import { join } from 'node:path';

import { type ClickHouseHandle, insertRows } from '@slipstream/clickhouse';
import { type AnyEvent } from '@slipstream/contracts';
import {
  type DerivationContext,
  readArchiveSession,
  readCaptureFile,
  SessionEventDeriver,
  type TopicMessage,
} from '@slipstream/livetiming';

import { ProjectorRegistry } from '../core/projector-registry';
import { historicalReadModels } from '../historical/historical.read-models';
import { sessionReadModels } from '../sessions/sessions.read-models';

export const SESSIONS_DIR = join(__dirname, '../../../../data/sessions');

/** A recorded session (archive folder under data/sessions, or a capture file) as normalization reads it. */
export async function recordedEvents(source: string, sessionKey: number): Promise<AnyEvent[]> {
  const messages: AsyncIterable<TopicMessage> =
    source.endsWith('.txt') || source.endsWith('.txt.gz')
      ? readCaptureFile(source)
      : readArchiveSession(source.startsWith('/') ? source : join(SESSIONS_DIR, source));
  const deriver = new SessionEventDeriver();
  const context = (message?: TopicMessage): DerivationContext => ({
    sessionKey,
    recordedAt: '2026-01-01T00:00:00.000Z',
    correlationId: `replay-${sessionKey}`,
    causationId: message ? `${message.topic}:${message.line}` : null,
  });
  const events: AnyEvent[] = [];
  const keep = (outputs: ReturnType<SessionEventDeriver['apply']>) => {
    for (const output of outputs) if (output.kind === 'event') events.push(output.event);
  };
  for await (const message of messages) {
    if (message.topic === 'CarData.z' || message.topic === 'Position.z') continue;
    keep(deriver.apply(message, context(message)));
  }
  keep(deriver.flush(context()));
  return events;
}

const registry = new ProjectorRegistry([...sessionReadModels.projectors, ...historicalReadModels.projectors]);

/** Projects events as the projection service does, one insert per table. */
export async function projectEvents(clickhouse: ClickHouseHandle, events: AnyEvent[]): Promise<void> {
  const byTable = new Map<string, Array<Record<string, unknown>>>();
  for (const { table, row } of events.flatMap((event) => registry.project(event))) {
    const rows = byTable.get(table) ?? [];
    rows.push(row);
    byTable.set(table, rows);
  }
  for (const [table, rows] of byTable) await insertRows(clickhouse.client, table, rows);
}
