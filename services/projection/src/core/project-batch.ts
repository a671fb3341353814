import { type ClickHouseClient } from '@clickhouse/client';

import { type AnyEvent, eventMetadataSchema } from '@slipstream/contracts';
import { type BatchOutcome, type ConsumedMessage, PermanentError } from '@slipstream/messaging';

import { insertInChunks } from './insert-chunks';
import { type ProjectorRegistry } from './projector-registry';
import { isRowRejection, RowsRejectedError } from './rejected-rows';

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
  const rowsByTable = new Map<string, Array<Record<string, unknown>>>();
  for (const message of messages) {
    try {
      const event = eventMetadataSchema.passthrough().parse(message.json()) as AnyEvent;
      for (const { table, row } of registry.project(event)) {
        let rows = rowsByTable.get(table);
        if (!rows) rowsByTable.set(table, (rows = []));
        rows.push(row);
      }
    } catch (error) {
      failed.push({
        message,
        error:
          error instanceof PermanentError ? error : new PermanentError(describe(error), 'projection_failed'),
      });
    }
  }
  const projected = messages.filter((message) => !failed.some((entry) => entry.message === message));
  try {
    await insertRowsOf(client, durable, projected, rowsByTable, maxRowsPerInsert);
  } catch (error) {
    // The store is down: throw, and the runner retries the whole batch. Rows refused for their
    // values: find the events they came from, so one bad event does not hold up the others.
    if (!isRowRejection(error)) throw error;
    failed.push(...(await isolateRejected(client, durable, projected, registry, maxRowsPerInsert)));
  }
  return { failed };
}

type RowsByTable = Map<string, Array<Record<string, unknown>>>;

async function insertRowsOf(
  client: ClickHouseClient,
  durable: string,
  messages: ConsumedMessage[],
  rowsByTable: RowsByTable,
  maxRowsPerInsert: number,
): Promise<void> {
  if (messages.length === 0) return;
  const range = `${messages[0].sequence}-${messages[messages.length - 1].sequence}`;
  for (const [table, rows] of rowsByTable) {
    await insertInChunks(client, table, rows, `${durable}:${table}:${range}`, maxRowsPerInsert);
  }
}

/** Halves the batch until each refused insert is down to one event; returns those events. */
async function isolateRejected(
  client: ClickHouseClient,
  durable: string,
  messages: ConsumedMessage[],
  registry: ProjectorRegistry,
  maxRowsPerInsert: number,
): Promise<BatchOutcome['failed']> {
  const rowsByTable: RowsByTable = new Map();
  for (const message of messages) {
    for (const { table, row } of registry.project(message.json<AnyEvent>())) {
      let rows = rowsByTable.get(table);
      if (!rows) rowsByTable.set(table, (rows = []));
      rows.push(row);
    }
  }
  try {
    await insertRowsOf(client, durable, messages, rowsByTable, maxRowsPerInsert);
    return [];
  } catch (error) {
    if (!isRowRejection(error)) throw error;
    if (messages.length === 1) return [{ message: messages[0], error: new RowsRejectedError(error) }];
    const half = Math.ceil(messages.length / 2);
    return [
      ...(await isolateRejected(client, durable, messages.slice(0, half), registry, maxRowsPerInsert)),
      ...(await isolateRejected(client, durable, messages.slice(half), registry, maxRowsPerInsert)),
    ];
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
