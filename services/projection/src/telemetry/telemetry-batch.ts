import { type ClickHouseClient } from '@clickhouse/client';

import { type BatchOutcome, type ConsumedMessage, PermanentError } from '@slipstream/messaging';

import { insertIsolatingRejected, sequenceRange } from '../core/isolate-rejected';
import {
  projectTelemetry,
  TELEMETRY_COLUMNS,
  type TelemetryRow,
  type TelemetryRows,
  type TelemetryTable,
} from './telemetry.projector';

/**
 * One insert per table for a whole fetched batch (tens of thousands of samples), then the runner
 * acks. The token names the durable and the sequence range, so a batch retried after its insert
 * reached ClickHouse is dropped; other boundaries after a restart converge by key. Samples
 * ClickHouse refuses are traced to their messages, which are retried and then dead-lettered alone.
 */
export async function projectTelemetryBatch(
  client: ClickHouseClient,
  durable: string,
  messages: ConsumedMessage[],
): Promise<BatchOutcome> {
  const failed: BatchOutcome['failed'] = [];
  const rowsOf = new Map<ConsumedMessage, TelemetryRows>();
  for (const message of messages) {
    try {
      rowsOf.set(message, projectTelemetry(message.subject, message.json()));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failed.push({ message, error: new PermanentError(reason, 'invalid_telemetry') });
    }
  }
  const projected = messages.filter((message) => rowsOf.has(message));
  failed.push(
    ...(await insertIsolatingRejected(projected, async (subset) => {
      const range = sequenceRange(subset);
      for (const [table, rows] of groupByTable(subset, rowsOf))
        await insertCompact(client, table, rows, `${durable}:${table}:${range}`);
    })),
  );
  return { failed };
}

function groupByTable(
  messages: ConsumedMessage[],
  rowsOf: Map<ConsumedMessage, TelemetryRows>,
): Map<TelemetryTable, TelemetryRow[]> {
  const rowsByTable = new Map<TelemetryTable, TelemetryRow[]>();
  for (const message of messages) {
    const { table, rows } = rowsOf.get(message)!;
    const into = rowsByTable.get(table);
    if (into) for (const row of rows) into.push(row);
    else rowsByTable.set(table, [...rows]);
  }
  return rowsByTable;
}

/**
 * `insertRows` (libs/clickhouse) only writes keyed objects; this is the same insert in the
 * positional format. Every setting is passed explicitly for the reason `insertRows` gives: through
 * chDB they stick to the session, so a token left by one insert would drop the next one.
 */
async function insertCompact(
  client: ClickHouseClient,
  table: TelemetryTable,
  rows: TelemetryRow[],
  token: string,
) {
  if (rows.length === 0) return;
  await client.insert({
    table,
    values: rows,
    columns: [...TELEMETRY_COLUMNS[table]] as [string, ...string[]],
    format: 'JSONCompactEachRow',
    clickhouse_settings: {
      insert_deduplicate: 1,
      insert_deduplication_token: token,
      async_insert: 0,
      date_time_input_format: 'best_effort',
    },
  });
}
