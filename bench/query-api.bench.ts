import { cpSync, rmSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';

import {
  buildOpenF1Query,
  OPENF1_ENDPOINTS,
  parseOpenF1Query,
  REPRESENTATIVE_QUERIES,
} from '@slipstream/projection';
import { freePort } from '@slipstream/testing';

import { backfillThrough } from './csv-backfill.bench';
import { type BenchContext, type BenchFigure, msSince, percentile } from './infra/bench';
import { ClickHouseWorker } from './infra/clickhouse-worker';
import { startBenchNats } from './infra/nats';
import { SESSIONS_DIR } from './infra/paths';
import { type Pipeline } from './infra/pipeline';
import { spawnNode, waitReady } from './infra/processes';
import { isLoaded, markLoaded, sharedPipeline, takeSharedPipeline } from './infra/shared-pipeline';
import { replayThrough, SESSION_KEY } from './session-replay.bench';
import { type TimedStatement, type WorkerResults } from './worker/protocol';

export const description =
  'Query API latency p50/p95 (history API and OpenF1 routes) vs the same SQL run directly on the same chDB data';

const BENCHMARK = 'query-api';

/** A question as a user asks it (one or more HTTP requests) and as the SQL that answers it. */
interface Question {
  name: string;
  httpPaths: string[];
  statements: TimedStatement[];
}

/** An OpenF1 route and the exact SQL the service runs for it (its own parser and builder). */
function openF1(path: string): { httpPath: string; statement: TimedStatement } {
  const [route, query = ''] = path.split('?');
  const endpoint = OPENF1_ENDPOINTS[route.replace(/^\/v1\//, '')];
  if (!endpoint) throw new Error(`no OpenF1 endpoint for ${path}`);
  const { sql, params } = buildOpenF1Query(endpoint, parseOpenF1Query(query, endpoint).filters);
  return { httpPath: path, statement: { sql, params } };
}

/** The pole lap of the session (its start and duration) as the API tells it. */
async function fastestLap(baseUrl: string) {
  const laps = (await (await fetch(`${baseUrl}/v1/laps?session_key=${SESSION_KEY}`)).json()) as Array<{
    driver_number: number;
    lap_number: number;
    lap_duration: number | null;
    date_start: string | null;
  }>;
  const timed = laps.filter((lap) => lap.lap_duration !== null && lap.date_start !== null);
  if (timed.length === 0) throw new Error(`no timed laps for session ${SESSION_KEY}: load it first`);
  return timed.reduce((best, lap) => ((lap.lap_duration ?? 0) < (best.lap_duration ?? 0) ? lap : best));
}

async function questions(baseUrl: string): Promise<Question[]> {
  const history: Question[] = REPRESENTATIVE_QUERIES.map((query) => ({
    name: query.name,
    httpPaths: [query.httpPath],
    statements: [{ sql: query.sql, params: {} }],
  }));
  // Stint pace by compound as an OpenF1 client computes it: the session's stints and laps, joined
  // on the client. The lap's telemetry: car data between the lap's start and end.
  const stints = openF1(`/v1/stints?session_key=${SESSION_KEY}`);
  const laps = openF1(`/v1/laps?session_key=${SESSION_KEY}`);
  const lap = await fastestLap(baseUrl);
  const start = Date.parse(lap.date_start as string);
  const end = start + Math.round((lap.lap_duration as number) * 1000);
  const telemetry = openF1(
    `/v1/car_data?session_key=${SESSION_KEY}&driver_number=${lap.driver_number}` +
      `&date>=${new Date(start).toISOString()}&date<${new Date(end).toISOString()}`,
  );
  return [
    ...history,
    {
      name: 'stint pace by compound: /v1/stints + /v1/laps of Mexico qualifying',
      httpPaths: [stints.httpPath, laps.httpPath],
      statements: [stints.statement, laps.statement],
    },
    {
      name: `a lap's telemetry: /v1/car_data of car ${lap.driver_number}'s lap ${lap.lap_number}`,
      httpPaths: [telemetry.httpPath],
      statements: [telemetry.statement],
    },
  ];
}

/**
 * GET over one kept-alive connection with node:http, the whole body read, as a service calling the
 * API would. `fetch` (undici) also keeps its connection alive, but costs 0.2–1 ms more per request
 * here (Web streams, Response objects; measured against the same server, interleaved): the
 * client's cost, not the API's.
 */
function get(agent: Agent, url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** One question's requests, in sequence, each until its whole body is read; a non-2xx answer is an error. */
function httpClient(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    async ask(question: Question): Promise<{ ms: number; bodies: Buffer[] }> {
      const started = process.hrtime.bigint();
      const bodies: Buffer[] = [];
      for (const path of question.httpPaths) {
        const { status, body } = await get(agent, `${baseUrl}${path}`);
        if (status < 200 || status > 299)
          throw new Error(`${path}: ${status} ${body.toString('utf8').slice(0, 300)}`);
        bodies.push(body);
      }
      return { ms: msSince(started), bodies };
    },
    close: () => agent.destroy(),
  };
}

/** Rows in the answers: OpenF1 answers an array, the history API a page with `data`. */
function rowsIn(bodies: Buffer[]): number {
  return bodies.reduce((sum, body) => {
    const parsed = JSON.parse(body.toString('utf8')) as unknown[] | { data?: unknown[] };
    return sum + (Array.isArray(parsed) ? parsed.length : (parsed.data?.length ?? 0));
  }, 0);
}

/** The all-in-one again, on the chDB directory the pipeline filled, with a NATS of its own. */
async function startQueryApi(ctx: BenchContext, chdbPath: string) {
  const nats = await startBenchNats(ctx.logDir, 'nats-server.query-api');
  const port = await freePort();
  const app = spawnNode(
    'all-in-one.query-api',
    'apps/all-in-one/dist/main.js',
    [],
    {
      LOG_LEVEL: 'warn',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      NATS_URL: nats.url,
      CHDB_PATH: chdbPath,
      REPLAY_DIR: SESSIONS_DIR,
    },
    ctx.logDir,
  );
  const stop = async () => {
    await app.stop();
    await nats.dispose();
  };
  try {
    await waitReady(app, port);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, stop };
}

/** Loads what the questions need into the shared pipeline unless earlier benchmarks did. */
async function loadedPipeline(ctx: BenchContext): Promise<Pipeline> {
  const pipeline = await sharedPipeline(ctx);
  if (!isLoaded(ctx, 'ergast-csv')) {
    ctx.log('loading the Ergast CSV set (csv-backfill did not run before)');
    await backfillThrough(pipeline);
    markLoaded(ctx, 'ergast-csv');
  }
  if (!isLoaded(ctx, 'mexico-qualifying')) {
    ctx.log('replaying the Mexico qualifying (session-replay did not run before)');
    await replayThrough(pipeline);
    markLoaded(ctx, 'mexico-qualifying');
  }
  return pipeline;
}

export async function run(ctx: BenchContext): Promise<BenchFigure[]> {
  const warmup = 3;
  // 100, not 30: a p95 of 30 samples is their second slowest, one stall on a shared machine.
  const iterations = Math.max(20, Math.round(100 * ctx.scale));
  const pipeline = await loadedPipeline(ctx);

  // The API and the direct SQL are timed interleaved, request by request, so that both meet the
  // same load (the machine may be shared): the pipeline stops, its chDB directory is copied for
  // the worker, and the all-in-one starts again on the original. Both are reopened directories.
  takeSharedPipeline(ctx);
  await pipeline.stop();
  const copy = `${pipeline.chdbPath}-direct`;
  cpSync(pipeline.chdbPath, copy, { recursive: true });
  const api = await startQueryApi(ctx, pipeline.chdbPath);
  const client = httpClient(api.url);
  let worker: ClickHouseWorker | undefined;
  const http = new Map<string, { latencies: number[]; rows: number; bytes: number }>();
  const direct: WorkerResults['timeQueries'] = { latencies: {}, rows: {} };
  let asked: Question[];
  try {
    worker = await ClickHouseWorker.open('chdb-direct-queries', ctx.logDir, copy);
    const sql = worker;
    asked = await questions(api.url);
    for (const question of asked) {
      ctx.log(`${iterations}× ${question.name}, over HTTP and as direct SQL in turn`);
      const { name, statements } = question;
      // One run of the statements, timed in the worker (the IPC round trip is not counted).
      const once = async () => {
        const timed = await sql.call('timeQueries', {
          queries: [{ name, statements }],
          warmup: 0,
          iterations: 1,
        });
        direct.rows[name] = timed.rows[name];
        return timed.latencies[name][0];
      };
      for (let i = 0; i < warmup; i++) {
        await client.ask(question);
        await once();
      }
      const latencies: number[] = [];
      const sqlLatencies: number[] = [];
      let bodies: Buffer[] = [];
      for (let i = 0; i < iterations; i++) {
        // Alternating which goes first, so neither always follows the other.
        if (i % 2 === 1) sqlLatencies.push(await once());
        const answer = await client.ask(question);
        latencies.push(answer.ms);
        bodies = answer.bodies;
        if (i % 2 === 0) sqlLatencies.push(await once());
      }
      direct.latencies[name] = sqlLatencies;
      http.set(name, {
        latencies,
        rows: rowsIn(bodies),
        bytes: bodies.reduce((sum, body) => sum + body.byteLength, 0),
      });
    }
  } finally {
    client.close();
    await worker?.stop();
    await api.stop();
    rmSync(copy, { recursive: true, force: true });
  }

  const figures: BenchFigure[] = [];
  for (const question of asked) {
    const answer = http.get(question.name);
    const sqlRows = direct.rows[question.name];
    for (const p of [50, 95]) {
      figures.push({
        benchmark: BENCHMARK,
        name: `p${p} ${question.name}`,
        value: percentile(answer?.latencies ?? [], p),
        unit: 'ms',
        baseline: { name: `same SQL on chDB`, value: percentile(direct.latencies[question.name] ?? [], p) },
        note:
          p === 50
            ? `${question.httpPaths.join(' + ')}: ${answer?.rows} rows, ${Math.round((answer?.bytes ?? 0) / 1024)} KiB` +
              (answer?.rows === sqlRows ? ', as many rows as the SQL' : `; the SQL returns ${sqlRows} rows`)
            : undefined,
      });
    }
  }
  figures[0].note =
    `${figures[0].note}; every question: ${warmup} warm-up + ${iterations} timed sequential requests to the all-in-one ` +
    `over loopback on one kept-alive connection (node:http; whole body read), each followed or preceded in turn by ` +
    `the same statements through @clickhouse/client on chDB in a process of its own; both on the data the pipeline ` +
    `filled, reopened after it stopped (the all-in-one restarted on its directory, the worker on a copy)`;
  return figures;
}
