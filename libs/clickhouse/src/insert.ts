import { type ClickHouseClient } from '@clickhouse/client';

export interface InsertOptions {
  /**
   * Same token, same table, same data: the second insert is dropped by the server. Derive it from
   * the JetStream sequence range of the batch so a retried batch is stored once.
   */
  deduplicationToken?: string;
}

/**
 * Every insert passes all its settings explicitly. Through `chdb/connection` settings become `SET`
 * statements that stick to the embedded session, so a token left over from one insert would
 * silently drop the next one; an explicit empty token resets it.
 */
export async function insertRows(
  client: ClickHouseClient,
  table: string,
  rows: Array<Record<string, unknown>>,
  options: InsertOptions = {},
): Promise<void> {
  if (rows.length === 0) return;
  await client.insert({
    table,
    values: rows,
    format: 'JSONEachRow',
    clickhouse_settings: {
      insert_deduplicate: 1,
      insert_deduplication_token: options.deduplicationToken ?? '',
      async_insert: 0,
      date_time_input_format: 'best_effort',
    },
  });
}

/** Runs a parameterised query and returns its rows; values are always bound, never spliced into SQL. */
export async function queryRows<T = Record<string, unknown>>(
  client: ClickHouseClient,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}
