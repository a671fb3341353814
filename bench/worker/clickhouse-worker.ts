import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import {
  applyMigrations,
  type ClickHouseHandle,
  createClickHouse,
  insertRows,
  queryRows,
} from '@slipstream/clickhouse';
import { readArchiveSession, TelemetryFramer } from '@slipstream/livetiming';
import { allMigrations, projectTelemetry, TELEMETRY_COLUMNS } from '@slipstream/projection';

import { type WorkerRequest, type WorkerResponse } from './protocol';

/*
 * The baseline side of the benchmarks: ClickHouse (chDB) on its own, in a process of its own, so
 * its time and memory are measured apart from the pipeline's. chDB allows one data directory per
 * process, which is the other reason this is a child process: it can open a directory the
 * pipeline has just closed. Driven over the IPC channel by bench/infra/clickhouse-worker.ts.
 */

let clickhouse: ClickHouseHandle | undefined;

const handlers: {
  [K in WorkerRequest['op']]: (request: Extract<WorkerRequest, { op: K }>) => Promise<unknown>;
} = {
  async open({ chdbPath, database }) {
    clickhouse = await createClickHouse({ database, chdbPath });
    return {};
  },
  async migrate() {
    const report = await applyMigrations(db().client, allMigrations);
    return { applied: report.applied.length };
  },
  async loadCsv({ directory }) {
    const tables: Record<string, { rows: number; ms: number }> = {};
    const started = process.hrtime.bigint();
    for (const file of readdirSync(directory)
      .filter((name) => /\.csv(\.gz)?$/.test(name))
      .sort()) {
      const table = `direct_${file.replace(/\.csv(\.gz)?$/, '')}`;
      const source = `file('${join(directory, file).replace(/'/g, "\\'")}', 'CSVWithNames')`;
      const tableStarted = process.hrtime.bigint();
      // The schema ClickHouse infers from the file itself; `\N` is its CSV null already. Some rows
      // of races.csv stop after `url` (no session dates): read as nulls, as the CSV reader does.
      const settings = 'SETTINGS input_format_csv_allow_variable_number_of_columns = 1';
      await db().client.command({
        query: `CREATE TABLE ${table} ENGINE = MergeTree ORDER BY tuple() EMPTY AS SELECT * FROM ${source} ${settings}`,
      });
      await db().client.command({ query: `INSERT INTO ${table} SELECT * FROM ${source} ${settings}` });
      const ms = msSince(tableStarted);
      const [{ n }] = await queryRows<{ n: string }>(
        db().client,
        `SELECT toString(count()) AS n FROM ${table}`,
      );
      tables[file] = { rows: Number(n), ms };
    }
    return { tables, ms: msSince(started) };
  },
  async insertSessionTelemetry({ sessionDir, sessionKey }) {
    const decodeStarted = process.hrtime.bigint();
    const rows = await decodeTelemetry(sessionDir, sessionKey);
    const decodeMs = msSince(decodeStarted);
    const started = process.hrtime.bigint();
    for (const table of ['car_telemetry', 'car_positions'] as const) {
      await db().client.insert({
        table,
        values: rows[table],
        columns: [...TELEMETRY_COLUMNS[table]] as [string, ...string[]],
        format: 'JSONCompactEachRow',
        // As the projection inserts: explicit settings, no async insert.
        clickhouse_settings: { insert_deduplicate: 1, insert_deduplication_token: '', async_insert: 0 },
      });
    }
    return {
      ms: msSince(started),
      decodeMs,
      rows: { car_telemetry: rows.car_telemetry.length, car_positions: rows.car_positions.length },
    };
  },
  async timeQueries({ queries, warmup, iterations }) {
    const latencies: Record<string, number[]> = {};
    const rows: Record<string, number> = {};
    for (const { name, statements } of queries) {
      const run = async () => {
        let count = 0;
        for (const { sql, params } of statements) count += (await queryRows(db().client, sql, params)).length;
        return count;
      };
      for (let i = 0; i < warmup; i++) await run();
      latencies[name] = [];
      for (let i = 0; i < iterations; i++) {
        const started = process.hrtime.bigint();
        rows[name] = await run();
        latencies[name].push(msSince(started));
      }
    }
    return { latencies, rows };
  },
  async query({ sql, params }) {
    return { rows: await queryRows(db().client, sql, params ?? {}) };
  },
  async insert({ table, rows }) {
    await insertRows(db().client, table, rows);
    return {};
  },
  async close() {
    await clickhouse?.close();
    clickhouse = undefined;
    return {};
  },
};

function db(): ClickHouseHandle {
  if (!clickhouse) throw new Error('open the ClickHouse worker first');
  return clickhouse;
}

function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Every CarData and Position sample of the recording, as the rows the projection stores. */
async function decodeTelemetry(sessionDir: string, sessionKey: number) {
  const rows: Record<'car_telemetry' | 'car_positions', unknown[][]> = {
    car_telemetry: [],
    car_positions: [],
  };
  // Framed as normalization frames them, then turned into rows as the projection does.
  const framer = new TelemetryFramer(sessionKey);
  for await (const message of readArchiveSession(sessionDir, { topics: ['CarData.z', 'Position.z'] })) {
    const frames =
      message.topic === 'CarData.z' ? framer.carData(message.payload) : framer.positions(message.payload);
    for (const { subject, frame } of frames) {
      const projected = projectTelemetry(subject, frame);
      for (const row of projected.rows) rows[projected.table].push(row);
    }
  }
  return rows;
}

process.on('message', (request: WorkerRequest & { id: number }) => {
  const handler = handlers[request.op] as (request: WorkerRequest) => Promise<unknown>;
  handler(request).then(
    (result) => process.send?.({ id: request.id, ok: true, result } satisfies WorkerResponse),
    (error: unknown) =>
      process.send?.({
        id: request.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerResponse),
  );
});
process.on('disconnect', () => {
  void clickhouse?.close().finally(() => process.exit(0));
  if (!clickhouse) process.exit(0);
});
