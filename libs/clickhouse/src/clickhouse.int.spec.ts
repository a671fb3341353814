import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTempDir, type TempDir } from '@slipstream/testing';

import { type ClickHouseHandle, createClickHouse } from './client-factory';
import { insertRows, queryRows } from './insert';
import { applyMigrations } from './migration-runner';

const migrations = [
  {
    version: 1,
    name: 'notes',
    statements: [
      `CREATE TABLE IF NOT EXISTS notes (k UInt32, v String, _version UInt64)
       ENGINE = ReplacingMergeTree(_version) ORDER BY k
       SETTINGS non_replicated_deduplication_window = 1000`,
    ],
  },
];

describe('ClickHouse client (embedded chDB, or a server when CLICKHOUSE_URL is set)', () => {
  let dir: TempDir;
  let clickhouse: ClickHouseHandle;

  beforeAll(async () => {
    dir = createTempDir('slipstream-chdb-');
    clickhouse = await createClickHouse({
      url: process.env.CLICKHOUSE_URL,
      username: process.env.CLICKHOUSE_USER,
      password: process.env.CLICKHOUSE_PASSWORD,
      database: `test_${process.pid}`,
      chdbPath: dir.path,
    });
  });

  afterAll(async () => {
    await clickhouse?.close();
    dir?.remove();
  });

  it('applies migrations once and records them', async () => {
    expect(await applyMigrations(clickhouse.client, migrations)).toEqual({
      applied: [1],
      alreadyApplied: [],
    });
    expect(await applyMigrations(clickhouse.client, migrations)).toEqual({
      applied: [],
      alreadyApplied: [1],
    });
    const recorded = await queryRows<{ version: number; name: string }>(
      clickhouse.client,
      'SELECT version, name FROM schema_migrations FINAL',
    );
    expect(recorded).toEqual([{ version: 1, name: 'notes' }]);
  });

  it('drops a retried batch with the same deduplication token', async () => {
    await insertRows(clickhouse.client, 'notes', [{ k: 1, v: 'a', _version: 1 }], {
      deduplicationToken: 'seq-1-1',
    });
    await insertRows(clickhouse.client, 'notes', [{ k: 1, v: 'a', _version: 1 }], {
      deduplicationToken: 'seq-1-1',
    });
    const rows = await queryRows(clickhouse.client, 'SELECT count() AS n FROM notes');
    expect(Number(rows[0].n)).toBe(1);
  });

  // Regression: through chdb/connection a token set by one insert stuck to the session and
  // silently dropped the next insert that carried no token of its own.
  it('does not let a previous token drop the next insert', async () => {
    await insertRows(clickhouse.client, 'notes', [{ k: 2, v: 'b', _version: 1 }], {
      deduplicationToken: 'seq-2-2',
    });
    await insertRows(clickhouse.client, 'notes', [{ k: 3, v: 'c', _version: 1 }]);
    await insertRows(clickhouse.client, 'notes', [{ k: 4, v: 'd', _version: 1 }]);
    const rows = await queryRows<{ k: number }>(clickhouse.client, 'SELECT k FROM notes FINAL ORDER BY k');
    expect(rows.map((row) => Number(row.k))).toEqual([1, 2, 3, 4]);
  });

  it('binds query parameters instead of splicing values', async () => {
    const rows = await queryRows<{ v: string }>(
      clickhouse.client,
      'SELECT v FROM notes FINAL WHERE v = {v:String}',
      {
        v: "b' OR 1=1 --",
      },
    );
    expect(rows).toEqual([]);
  });
});
