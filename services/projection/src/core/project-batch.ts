import { type ClickHouseClient } from '@clickhouse/client';

import { type AnyEvent, eventMetadataSchema, hasEventMetadata } from '@slipstream/contracts';
import { type BatchOutcome, type ConsumedMessage, PermanentError } from '@slipstream/messaging';

import { insertInChunks } from './insert-chunks';
import { insertIsolatingRejected, sequenceRange } from './isolate-rejected';
import { type ProjectedRow } from './projector';
import { type ProjectorRegistry } from './projector-registry';

/**
 * The envelope every projected event must have; its data is each projector's business. Built once:
 * zod compiles a schema's fast path on first use, and `passthrough()` per message rebuilt it every
 * time (a quarter of the all-in-one's CPU while loading the Ergast set, docs/benchmarks.md).
 */
const projectedEventSchema = eventMetadataSchema.passthrough();

/**
 * Projects a batch of events into rows, one insert per table, then lets the runner ack. The
 * deduplication token names the durable and the batch's sequence range, so a batch retried after
 * an insert that did reach ClickHouse is not stored twice; different boundaries after a restart
 * converge through `ReplacingMergeTree`.
 */
export async function projectBatch(
  client: ClickHouseClient,
  durable: string,
  messages: ConsumedMessage[],
  registry: ProjectorRegistry,
  maxRowsPerInsert = 50_000,
): Promise<BatchOutcome> {
  const failed: BatchOutcome['failed'] = [];
  const rowsOf = new Map<ConsumedMessage, ProjectedRow[]>();
  for (const message of messages) {
    try {
      const json = message.json();
      // The hand check passes only what the schema passes, without copying the event; anything
      // else goes through zod for its error (or its acceptance after all).
      const event = hasEventMetadata(json) ? json : (projectedEventSchema.parse(json) as AnyEvent);
      rowsOf.set(message, registry.project(event));
    } catch (error) {
      failed.push({
        message,
        error:
          error instanceof PermanentError ? error : new PermanentError(describe(error), 'projection_failed'),
      });
    }
  }
  const projected = messages.filter((message) => rowsOf.has(message));
  failed.push(
    ...(await insertIsolatingRejected(projected, async (subset) => {
      const range = sequenceRange(subset);
      for (const [table, rows] of groupByTable(subset, rowsOf)) {
        await insertInChunks(client, table, rows, `${durable}:${table}:${range}`, maxRowsPerInsert);
      }
    })),
  );
  return { failed };
}

function groupByTable(
  messages: ConsumedMessage[],
  rowsOf: Map<ConsumedMessage, ProjectedRow[]>,
): Map<string, Array<Record<string, unknown>>> {
  const rowsByTable = new Map<string, Array<Record<string, unknown>>>();
  for (const message of messages) {
    for (const { table, row } of rowsOf.get(message) ?? []) {
      let rows = rowsByTable.get(table);
      if (!rows) rowsByTable.set(table, (rows = []));
      rows.push(row);
    }
  }
  return rowsByTable;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
