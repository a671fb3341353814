import { mkdirSync } from 'node:fs';

import { type ClickHouseClient, createClient } from '@clickhouse/client';

export interface ClickHouseOptions {
  /** A ClickHouse server's HTTP(S) URL; when unset, ClickHouse runs embedded through chDB. */
  url?: string;
  username?: string;
  password?: string;
  database: string;
  /** Embedded mode only: the chDB data directory (one per process). */
  chdbPath: string;
  /**
   * A reader's connection (server mode): the database is not created, as a read-only user may not,
   * and every query runs with `readonly = 2` (reads and settings only, no writes or DDL).
   */
  readOnly?: boolean;
}

export interface ClickHouseHandle {
  client: ClickHouseClient;
  mode: 'server' | 'embedded';
  database: string;
  close(): Promise<void>;
}

/**
 * One factory, two connections: the same `@clickhouse/client` code talks to a server over HTTP or
 * to chDB in-process. The database is created here so both modes start from the same state.
 */
export async function createClickHouse(options: ClickHouseOptions): Promise<ClickHouseHandle> {
  assertIdentifier(options.database);
  if (options.url && options.readOnly) {
    const client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      database: options.database,
      request_timeout: 60_000,
      clickhouse_settings: { readonly: '2' },
    });
    return { client, mode: 'server', database: options.database, close: () => client.close() };
  }
  if (options.url) {
    const bootstrap = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
    });
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${options.database}` });
    await bootstrap.close();
    const client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      database: options.database,
      request_timeout: 60_000,
    });
    return { client, mode: 'server', database: options.database, close: () => client.close() };
  }
  mkdirSync(options.chdbPath, { recursive: true });
  // Loaded only in embedded mode: chdb loads its ~540 MB native library on import, which only the
  // projection image carries (the other services' images leave it out).
  const { createChdbConnection } = await import('chdb/connection');
  // chdb types the connection against @clickhouse/client-common, which @clickhouse/client 1.23 now
  // inlines; the runtime contract is the same, only the declarations are separate copies.
  const connection = createChdbConnection({ path: options.chdbPath }) as unknown as NonNullable<
    Parameters<typeof createClient>[0]
  >['connection'];
  const client = createClient({ connection });
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${options.database}` });
  // The embedded connection ignores the client's `database` option; USE sticks to the process's session.
  await client.command({ query: `USE ${options.database}` });
  return { client, mode: 'embedded', database: options.database, close: () => client.close() };
}

export function assertIdentifier(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`Not a valid ClickHouse identifier: ${JSON.stringify(name)}`);
  }
}
