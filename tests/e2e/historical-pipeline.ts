import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { type z } from 'zod';

import { CLICKHOUSE, type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';
import { type DeadLetter, deadLetterSchema } from '@slipstream/contracts';
import { connectToNats } from '@slipstream/messaging';
import { createService } from '@slipstream/platform';
import { AppModule as ProjectionApp, configSchema as projectionConfig } from '@slipstream/projection';
import {
  eventually,
  freePort,
  readStream,
  type RunningNatsServer,
  startNatsServer,
  waitForConsumerDrained,
} from '@slipstream/testing';

/*
 * The historical path as deployed: the ingestion command-line tool and the normalization service
 * as child processes (the built `dist/`, as `npm run build` leaves it), the projection as a Nest
 * application in this process so the test reads its embedded ClickHouse, over a real nats-server.
 * Normalization runs apart because it and the projection each keep a core busy on the full set.
 * chDB allows one data directory per process, so stacks started one after the other in a test
 * file share a directory and differ by ClickHouse database.
 */

const ROOT = resolve(__dirname, '../..');
export const ERGAST_CSV_DIR = resolve(ROOT, 'libs/historical/fixtures/ergast-csv');
const INGEST_CLI = 'services/ingestion/dist/cli.js';
const NORMALIZATION_MAIN = 'services/normalization/dist/main.js';

export interface HistoricalStack {
  nats: RunningNatsServer;
  nc: NatsConnection;
  database: string;
  clickhouse: ClickHouseHandle;
  /** Stops the services and nats-server; the ClickHouse database stays for comparisons. */
  close(): Promise<void>;
}

export async function startHistoricalStack(chdbPath: string, database: string): Promise<HistoricalStack> {
  const nats = await startNatsServer();
  let projection: INestApplication | undefined;
  let normalization: ChildProcess | undefined;
  try {
    // Projection first, so its tables exist before anything flows; large batches, fewer inserts.
    projection = (
      await createService(
        {
          name: 'projection',
          configSchema: projectionConfig,
          rootModule: (config: z.infer<typeof projectionConfig>) => ProjectionApp.forRoot(config),
        },
        {
          HTTP_PORT: '0',
          HTTP_HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          NATS_URL: nats.url,
          CHDB_PATH: chdbPath,
          CLICKHOUSE_DATABASE: database,
          CONSUMER_BATCH_SIZE: '10000',
        },
      )
    ).app;
    normalization = await startNormalization(nats.url);
  } catch (error) {
    await stopChild(normalization);
    await projection?.close();
    await nats.dispose();
    throw error;
  }
  const nc = await connectToNats({ url: nats.url, name: `historical-e2e-${database}` });
  return {
    nats,
    nc,
    database,
    clickhouse: projection.get(CLICKHOUSE),
    close: async () => {
      await nc.drain();
      await stopChild(normalization);
      await projection.close();
      await nats.dispose();
    },
  };
}

async function startNormalization(natsUrl: string): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [NORMALIZATION_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      CONSUMER_BATCH_SIZE: '2000',
      NATS_URL: natsUrl,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (process.env.HISTORICAL_E2E_LOGS) process.stderr.write(chunk);
  });
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`normalization exited ${child.exitCode}: ${stderr}`);
      return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
    },
    60_000,
    'normalization ready',
  ).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  return child;
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

export interface IngestRun {
  child: ChildProcess;
  /** Everything the process wrote, so far. */
  output(): { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** `npm run ingest -- <args>` against the stack's nats-server. */
export function runIngest(natsUrl: string, args: string[], env: Record<string, string> = {}): IngestRun {
  const child = spawn(process.execPath, [INGEST_CLI, ...args, '--nats-url', natsUrl], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((done) => child.once('exit', (code, signal) => done({ code, signal, stdout, stderr })));
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Runs an ingest command to its end; fails with its output when it exits non-zero. */
export async function ingest(natsUrl: string, args: string[], env: Record<string, string> = {}) {
  const result = await runIngest(natsUrl, args, env).exited;
  if (result.code !== 0)
    throw new Error(`ingest ${args.join(' ')} exited ${result.code ?? result.signal}:\n${result.stderr}`);
  return result;
}

const HISTORICAL_CONSUMERS: Array<[stream: string, durable: string]> = [
  ['RAW', 'normalization-ergast'],
  ['RAW', 'normalization-jolpica'],
  ['EVENTS', 'normalization-standings'],
  ['EVENTS', 'projection-events'],
];

/**
 * Waits until normalization, the standings reactor and the projection have nothing left. The
 * reactor publishes while it consumes, so drained means every consumer at once, seen twice.
 */
export async function historicalPipelineDrained(nc: NatsConnection, timeoutMs = 600_000): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const deadline = Date.now() + timeoutMs;
  let quietPasses = 0;
  while (quietPasses < 2) {
    for (const [stream, durable] of HISTORICAL_CONSUMERS)
      await waitForConsumerDrained(nc, stream, durable, Math.max(1_000, deadline - Date.now()));
    let busy = false;
    for (const [stream, durable] of HISTORICAL_CONSUMERS) {
      const info = await jsm.consumers.info(stream, durable);
      if (info.num_pending > 0 || info.num_ack_pending > 0) busy = true;
    }
    quietPasses = busy ? 0 : quietPasses + 1;
    if (!busy) await new Promise((done) => setTimeout(done, 200));
  }
}

export async function streamMessageCounts(nc: NatsConnection): Promise<Record<string, number>> {
  const jsm = await jetstreamManager(nc);
  const counts: Record<string, number> = {};
  for (const stream of ['RAW', 'EVENTS', 'DLQ'])
    counts[stream] = (await jsm.streams.info(stream)).state.messages;
  return counts;
}

export interface ReadDeadLetter extends DeadLetter {
  subject: string;
  /** The original message, decoded as JSON (undefined when it was not JSON). */
  payload: unknown;
}

export async function readDeadLetters(nc: NatsConnection): Promise<ReadDeadLetter[]> {
  return (await readStream(nc, 'DLQ')).map((message) => {
    const letter = deadLetterSchema.parse(message.json());
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(letter.original.payloadBase64, 'base64').toString('utf8'));
    } catch {
      payload = undefined;
    }
    return { ...letter, subject: message.subject, payload };
  });
}

/** Every historical read model: dimensions, facts, standings (the marts are views over these). */
export const HISTORICAL_TABLES = [
  'hist_seasons',
  'hist_circuits',
  'hist_races',
  'hist_race_sessions',
  'hist_drivers',
  'hist_constructors',
  'hist_finishing_statuses',
  'hist_race_results',
  'hist_sprint_results',
  'hist_qualifying_results',
  'hist_lap_times',
  'hist_pit_stops',
  'hist_constructor_race_results',
  'hist_driver_standings',
  'hist_constructor_standings',
  'hist_standings_adjustments',
] as const;

/** When a row was recorded, not what it says: differs between two runs of the same fetch. */
export const PROVENANCE_TIME_COLUMNS = ['recorded_at', '_version'];

export async function columnsOf(
  clickhouse: ClickHouseHandle,
  database: string,
  table: string,
  exclude: readonly string[] = [],
): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    clickhouse.client,
    `SELECT name FROM system.columns WHERE database = '${database}' AND table = '${table}' ORDER BY position`,
  );
  return rows.map((row) => row.name).filter((name) => !exclude.includes(name));
}

/**
 * Row count and an order-independent checksum of each table as merged rows (`FINAL`), over every
 * column but the excluded ones (hashed as text: the hash of a NULL would be NULL, and skipped).
 */
export async function tableChecksums(
  clickhouse: ClickHouseHandle,
  database: string,
  tables: readonly string[] = HISTORICAL_TABLES,
  exclude: readonly string[] = [],
): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const columns = await columnsOf(clickhouse, database, table, exclude);
    const [row] = await queryRows<{ n: string; sum: string }>(
      clickhouse.client,
      `SELECT toString(count()) AS n, toString(sum(cityHash64(toString(tuple(${columns.join(', ')}))))) AS sum
       FROM ${database}.${table} FINAL`,
    );
    sums[table] = `${row.n} rows, checksum ${row.sum}`;
  }
  return sums;
}

export interface TableDifferences {
  /** Keys (the table's ORDER BY columns, joined by `/`) only the left side holds. */
  onlyLeft: string[];
  onlyRight: string[];
  /** Key → the columns whose values differ. */
  differing: Record<string, string[]>;
}

/**
 * Compares one table of two databases row by row, by its sorting key, over every column but the
 * excluded ones. `rightScope: 'leftKeys'` ignores right rows whose key the left lacks (a dimension
 * the right side holds for every season).
 */
export async function tableDifferences(
  clickhouse: ClickHouseHandle,
  table: string,
  left: string,
  right: string,
  options: { exclude?: readonly string[]; rightScope?: 'all' | 'leftKeys' } = {},
): Promise<TableDifferences> {
  const [{ sorting_key }] = await queryRows<{ sorting_key: string }>(
    clickhouse.client,
    `SELECT sorting_key FROM system.tables WHERE database = '${left}' AND name = '${table}'`,
  );
  const keyColumns = sorting_key
    .replace(/[()]/g, '')
    .split(',')
    .map((column) => column.trim());
  const read = async (database: string) => {
    const columns = await columnsOf(clickhouse, database, table, options.exclude);
    const rows = await queryRows<Record<string, unknown>>(
      clickhouse.client,
      `SELECT ${columns.join(', ')} FROM ${database}.${table} FINAL`,
    );
    return new Map(rows.map((row) => [keyColumns.map((column) => String(row[column])).join('/'), row]));
  };
  const [leftRows, rightRows] = [await read(left), await read(right)];
  const differences: TableDifferences = { onlyLeft: [], onlyRight: [], differing: {} };
  for (const [key, row] of leftRows) {
    const twin = rightRows.get(key);
    if (!twin) {
      differences.onlyLeft.push(key);
      continue;
    }
    const columns = Object.keys(row).filter(
      (column) => JSON.stringify(row[column]) !== JSON.stringify(twin[column]),
    );
    if (columns.length > 0) differences.differing[key] = columns;
  }
  if (options.rightScope !== 'leftKeys')
    differences.onlyRight = [...rightRows.keys()].filter((key) => !leftRows.has(key));
  differences.onlyLeft.sort();
  differences.onlyRight.sort();
  return differences;
}
