import { type ClickHouseClient } from '@clickhouse/client';

import { insertRows, queryRows } from './insert';
import { type Migration } from './migration';

const MIGRATIONS_TABLE = 'schema_migrations';

export interface MigrationReport {
  applied: number[];
  alreadyApplied: number[];
}

/** Applies the migrations not yet recorded, in version order; safe to run at every start. */
export async function applyMigrations(
  client: ClickHouseClient,
  migrations: Migration[],
): Promise<MigrationReport> {
  assertUniqueVersions(migrations);
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
      version UInt32, name String, applied_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const done = new Set(
    (await queryRows<{ version: number }>(client, `SELECT version FROM ${MIGRATIONS_TABLE} FINAL`)).map(
      (row) => Number(row.version),
    ),
  );
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) {
      report.alreadyApplied.push(migration.version);
      continue;
    }
    for (const statement of migration.statements) {
      try {
        await client.command({ query: statement });
      } catch (error) {
        throw new Error(
          `Migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    }
    await insertRows(client, MIGRATIONS_TABLE, [
      { version: migration.version, name: migration.name, applied_at: new Date().toISOString() },
    ]);
    report.applied.push(migration.version);
  }
  return report;
}

function assertUniqueVersions(migrations: Migration[]): void {
  const seen = new Map<number, string>();
  for (const migration of migrations) {
    const other = seen.get(migration.version);
    if (other)
      throw new Error(`Migrations ${other} and ${migration.name} share version ${migration.version}`);
    seen.set(migration.version, migration.name);
  }
}
