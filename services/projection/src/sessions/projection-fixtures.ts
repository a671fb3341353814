import { type z } from 'zod';

import { createEvent, type EventDefinition, type EventOf, LapCompleted } from '@slipstream/contracts';

/** Builds a valid event for projector specs: the metadata is fixed, only the data varies. */
export function anEvent<TType extends string, TData extends z.ZodType>(
  definition: EventDefinition<TType, TData>,
  data: z.input<TData>,
  meta: { id?: string; occurredAt?: string; recordedAt?: string; source?: string } = {},
): EventOf<EventDefinition<TType, TData>> {
  return createEvent(definition, {
    id: meta.id ?? `${definition.type}-1`,
    occurredAt: meta.occurredAt ?? '2025-05-03T16:05:00.250Z',
    recordedAt: meta.recordedAt ?? '2025-05-03T16:05:00.300Z',
    source: meta.source ?? 'livetiming',
    correlationId: 'spec',
    data,
  });
}

type LapData = z.input<typeof LapCompleted.data>;

/** A completed lap with nothing but its time: no sectors, speeds, flags or session part unless given. */
export function aLapCompleted(
  lap: Pick<
    LapData,
    'sessionKey' | 'driverNumber' | 'lapNumber' | 'lapTimeMs' | 'startedAt' | 'sessionTimeMs'
  > &
    Partial<LapData>,
  meta: { occurredAt?: string; recordedAt?: string } = {},
) {
  return anEvent(
    LapCompleted,
    {
      sector1Ms: null,
      sector2Ms: null,
      sector3Ms: null,
      speedI1Kph: null,
      speedI2Kph: null,
      speedFinishLineKph: null,
      speedTrapKph: null,
      isPitOutLap: false,
      isPitInLap: false,
      isPersonalBest: false,
      isOverallBest: false,
      sessionPart: null,
      ...lap,
    },
    { id: `lap-${lap.driverNumber}-${lap.lapNumber}`, ...meta },
  );
}

/** Column names of each table a migration creates, read from its CREATE TABLE statement. */
export function columnsByTable(statements: string[]): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const statement of statements) {
    const match = /CREATE TABLE IF NOT EXISTS (\w+) \(([\s\S]*?)\)\s*ENGINE/.exec(statement);
    if (!match) continue;
    const body = match[2].replace(/\([^()]*(\([^()]*\))?[^()]*\)/g, '');
    const columns = body
      .split(',')
      .map((part) => part.trim().split(/\s+/)[0])
      .filter(Boolean);
    tables.set(match[1], columns);
  }
  for (const statement of statements) {
    const altered = /ALTER TABLE (\w+)([\s\S]*)/.exec(statement);
    if (!altered) continue;
    const added = [...altered[2].matchAll(/ADD COLUMN (?:IF NOT EXISTS )?(\w+)/g)].map((m) => m[1]);
    tables.set(altered[1], [...(tables.get(altered[1]) ?? []), ...added]);
  }
  return tables;
}
