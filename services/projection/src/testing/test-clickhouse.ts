import { type ClickHouseHandle, createClickHouse } from '@slipstream/clickhouse';
import { createTempDir } from '@slipstream/testing';

export interface TestClickHouse extends ClickHouseHandle {
  /** Closes the client and removes the chDB directory. */
  dispose(): Promise<void>;
}

/**
 * The ClickHouse a projection test writes to: embedded chDB in a fresh directory, or the server
 * named by `CLICKHOUSE_URL` (CI runs the same tests against a real server that way).
 */
export async function startTestClickHouse(database: string): Promise<TestClickHouse> {
  const dir = createTempDir(`slipstream-${database}-`);
  const handle = await createClickHouse({
    url: process.env.CLICKHOUSE_URL,
    username: process.env.CLICKHOUSE_USER,
    password: process.env.CLICKHOUSE_PASSWORD,
    database: `${database}_${process.pid}`,
    chdbPath: dir.path,
  });
  return Object.assign(handle, {
    async dispose() {
      await handle.close();
      dir.remove();
    },
  });
}
