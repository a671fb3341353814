import { type ClickHouseClient } from '@clickhouse/client';

import { insertRows } from '@slipstream/clickhouse';

/**
 * Inserts a batch's rows for one table in chunks of at most `maxRows` (PROJECTION_BATCH_MAX_ROWS),
 * each with its own deduplication token derived from the batch's, so a retried batch is stored once.
 */
export async function insertInChunks(
  client: ClickHouseClient,
  table: string,
  rows: Array<Record<string, unknown>>,
  token: string,
  maxRows: number,
): Promise<void> {
  if (rows.length <= maxRows) return insertRows(client, table, rows, { deduplicationToken: token });
  for (let start = 0, part = 0; start < rows.length; start += maxRows, part++) {
    await insertRows(client, table, rows.slice(start, start + maxRows), {
      deduplicationToken: `${token}#${part}`,
    });
  }
}
