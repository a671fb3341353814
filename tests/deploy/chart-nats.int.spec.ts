/**
 * The chart's NATS accounts, credentials and service environment, run for real (chart-nats-stack.ts):
 *  - install order (defect c): the five services start against a NATS without streams or consumers,
 *    report not ready, and become ready once the provisioning Job's command has run, without a restart;
 *  - permissions (defect d): the CSV subset and a bundled session go through ingestion, normalization
 *    (standings included) and projection with the chart's users, and each user is denied a subject
 *    its service does not use.
 */
import { execFile, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { queryRows } from '@slipstream/clickhouse';
import { eventSubject } from '@slipstream/contracts';
import { AppModule as Ingestion, configSchema as ingestionConfig } from '@slipstream/ingestion';
import { AppModule as LiveGateway, configSchema as liveGatewayConfig } from '@slipstream/live-gateway';
import { connectToNats } from '@slipstream/messaging';
import { AppModule as Normalization, configSchema as normalizationConfig } from '@slipstream/normalization';
import { createService } from '@slipstream/platform';
import { AppModule as Projection, configSchema as projectionConfig } from '@slipstream/projection';
import { AppModule as Replay, configSchema as replayConfig } from '@slipstream/telemetry-replay';
import { createTempDir, eventually, type TempDir } from '@slipstream/testing';

import { CSV_TABLE_READ_MODELS, type CsvTable } from '../e2e/historical-expectations';
import { historicalPipelineDrained, ingest } from '../e2e/historical-pipeline';
import { clickhouseOf, pipelineDrained, SESSIONS_DIR } from '../e2e/livetiming-pipeline';
import { writeErgastSubset } from '../faults/ergast-subset';
import {
  baseUrl,
  type ChartNats,
  FULLNAME,
  readiness,
  renderForNats,
  resolvedEnv,
  startChartNats,
} from './chart-nats-stack';
import { type Rendered } from './chart-objects';

const ROOT = resolve(__dirname, '../..');

/** node <args>, awaited without blocking this process: its exit status and output. */
function runNode(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) =>
      done({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
/* eslint-disable @typescript-eslint/no-explicit-any -- service definitions of five different schemas */
const DEFINITIONS: Record<string, { name: string; configSchema: any; rootModule: (config: any) => any }> = {
  ingestion: { name: 'ingestion', configSchema: ingestionConfig, rootModule: (c) => Ingestion.forRoot(c) },
  'telemetry-replay': {
    name: 'telemetry-replay',
    configSchema: replayConfig,
    rootModule: (c) => Replay.forRoot(c),
  },
  normalization: {
    name: 'normalization',
    configSchema: normalizationConfig,
    rootModule: (c) => Normalization.forRoot(c),
  },
  projection: {
    name: 'projection',
    configSchema: projectionConfig,
    rootModule: (c) => Projection.forRoot(c),
  },
  'live-gateway': {
    name: 'live-gateway',
    configSchema: liveGatewayConfig,
    rootModule: (c) => LiveGateway.forRoot(c),
  },
};
const SERVICES = Object.keys(DEFINITIONS);
const SESSION = '2025-miami-gp-sprint';
const SESSION_KEY = 10028;
const SEASON = 2023;
const CONTROL_TOKEN = 'chart-nats-spec-replay-control-token';

describe('the chart’s NATS users and service environment against a real nats-server', () => {
  let rendered: Rendered;
  let nats: ChartNats;
  let chdb: TempDir;
  let csv: TempDir;
  let admin: NatsConnection | undefined;
  const apps: Record<string, INestApplication> = {};

  /** The environment the chart gives a service's container, pointed at this machine. */
  const envOf = (service: string): Record<string, string> => {
    const deployment = rendered.find('Deployment', `${FULLNAME}-${service}`);
    const env = resolvedEnv(rendered, deployment.spec.template.spec.containers[0]);
    const local: Record<string, string> = {
      ...env,
      NATS_URL: nats.url,
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    if (service === 'telemetry-replay') {
      local.REPLAY_DIR = SESSIONS_DIR;
      // The HTTP control routes want the credentials key replay-control-token (optional in the chart).
      local.REPLAY_CONTROL_TOKEN ??= CONTROL_TOKEN;
    }
    if (service === 'projection') {
      for (const key of ['CLICKHOUSE_URL', 'CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD']) delete local[key];
      Object.assign(local, { CHDB_PATH: chdb.path, CLICKHOUSE_MIGRATE: 'true' });
    }
    return local;
  };

  beforeAll(async () => {
    rendered = renderForNats();
    nats = await startChartNats(rendered);
    chdb = createTempDir('slipstream-chart-nats-chdb-');
    csv = createTempDir('slipstream-chart-nats-csv-');
    // Services first: nothing is provisioned yet, as when the pods start before the Job.
    for (const service of SERVICES)
      apps[service] = (await createService(DEFINITIONS[service], envOf(service))).app;
  }, 150_000);

  afterAll(async () => {
    for (const app of Object.values(apps).reverse()) await app.close();
    await admin?.drain();
    await nats?.stop();
    chdb?.remove();
    csv?.remove();
  });

  it('starts every service without streams: consumers report not ready, nobody exits', async () => {
    for (const service of ['normalization', 'projection', 'live-gateway']) {
      const { status, body } = await readiness(apps[service]);
      expect(status, service).toBe(503);
      expect(JSON.stringify((body.checks as Record<string, unknown>).jetstream), service).toMatch(
        /waiting for/,
      );
    }
  });

  it('becomes ready once the provisioning Job’s command ran, without a restart', async () => {
    const job = rendered.find('Job', `${FULLNAME}-provision`);
    const env: Record<string, string> = {
      ...resolvedEnv(rendered, job.spec.template.spec.containers[0]),
      NATS_URL: nats.url,
    };
    // The Job migrates a ClickHouse server; here projection runs embedded chDB and migrates itself.
    for (const key of ['CLICKHOUSE_URL', 'CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD']) delete env[key];
    env.CLICKHOUSE_MIGRATE = 'false';
    const run = spawnSync(process.execPath, job.spec.template.spec.containers[0].command.slice(1), {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const service of SERVICES) {
      let last = '';
      await eventually(
        async () => {
          const { status, body } = await readiness(apps[service]);
          last = JSON.stringify(body);
          return status === 200 ? true : undefined;
        },
        150_000,
        `${service} ready`,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last readiness: ${last}`);
      });
    }
    admin = await connectToNats({
      url: nats.url,
      user: env.NATS_USER,
      password: env.NATS_PASSWORD,
      name: 'chart-nats-spec',
    });
  }, 200_000);

  it('carries a CSV season and a recorded session into complete read models, standings included', async () => {
    const subset = writeErgastSubset(csv.path, SEASON, SEASON);
    await ingest(nats.url, ['import-csv', csv.path], envOf('ingestion'));
    // The season first, drained, then the session: one in-process pipeline at a time.
    await historicalPipelineDrained(admin!, 150_000);

    const client = clickhouseOf(apps.projection).client;
    const count = async (sql: string) => Number((await queryRows<{ n: string }>(client, sql))[0].n);
    for (const [table, rows] of Object.entries(subset.rows)) {
      const { table: readModel, where = '1' } = CSV_TABLE_READ_MODELS[table as CsvTable];
      expect(await count(`SELECT toString(count()) AS n FROM ${readModel} FINAL WHERE ${where}`), table).toBe(
        rows,
      );
    }
    // Standings the normalization reactor calculates from EVENTS (its user must consume EVENTS).
    const races = subset.rows.races;
    for (const table of ['hist_driver_standings', 'hist_constructor_standings']) {
      const sql = `SELECT toString(count(DISTINCT round)) AS n FROM ${table} FINAL WHERE origin = 'calculated' AND season = ${SEASON}`;
      // The reactor publishes while it consumes; wait for its last round, bounded only against a stall.
      let rounds = 0;
      await eventually(
        async () => ((rounds = await count(sql)) >= races ? true : undefined),
        150_000,
        table,
      ).catch(() => undefined);
      const dlq = (await (await jetstreamManager(admin!)).streams.info('DLQ')).state.messages;
      expect(rounds, `${table} (DLQ holds ${dlq} messages)`).toBe(races);
    }
    const token = envOf('telemetry-replay').REPLAY_CONTROL_TOKEN;
    const started = await fetch(`${baseUrl(apps['telemetry-replay'])}/v1/replays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ session: SESSION, speed: 'max' }),
    });
    expect(started.status, await started.clone().text()).toBe(201);
    const replayId = ((await started.json()) as { id: string }).id;
    const sent = await eventually(
      async () => {
        const view = (await (
          await fetch(`${baseUrl(apps['telemetry-replay'])}/v1/replays/${replayId}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { state: string; messagesSent: number };
        return view.state === 'finished' ? view.messagesSent : undefined;
      },
      150_000,
      `replay ${replayId} to finish`,
    );
    expect(sent).toBeGreaterThan(0);
    await pipelineDrained(admin!, 150_000);
    const result = (await (
      await fetch(`${baseUrl(apps.projection)}/v1/session_result?session_key=${SESSION_KEY}`)
    ).json()) as unknown[];
    expect(result.length).toBeGreaterThanOrEqual(18);
  }, 600_000);

  it('denies each service a subject it does not use', async () => {
    const denied: Record<string, string> = {
      ingestion: eventSubject('race', 'result_recorded', 'x'),
      'telemetry-replay': eventSubject('session', 'info_recorded', 1),
      // eslint-disable-next-line no-restricted-syntax -- not a whole subject (no topic): any subject under raw.> is denied
      normalization: 'raw.livetiming.x',
      projection: eventSubject('race', 'result_recorded', 'x'),
      // eslint-disable-next-line no-restricted-syntax -- not a whole subject (no topic): any subject under raw.> is denied
      'live-gateway': 'raw.livetiming.x',
    };
    for (const service of SERVICES) {
      const env = envOf(service);
      const nc = await connectToNats({
        url: nats.url,
        user: env.NATS_USER,
        password: env.NATS_PASSWORD,
        name: `deny-${service}`,
      });
      try {
        await expect(nc.request(denied[service], 'x', { timeout: 5_000 }), service).rejects.toThrow(
          /permission/i,
        );
      } finally {
        await nc.close();
      }
    }
  });

  it('passes the chart’s helm test script against these services, and fails it against a dead one', async () => {
    const script = resolve(ROOT, 'charts/slipstream/files/helm-test.mjs');
    // Asynchronously: the services answer from this process's event loop.
    const run = (services: Record<string, string>) =>
      runNode([script], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          SLIPSTREAM_SERVICES: JSON.stringify(services),
          SLIPSTREAM_QUERY_URL: baseUrl(apps.projection),
          SLIPSTREAM_OPENF1_PREFIX: envOf('projection').OPENF1_PATH_PREFIX ?? '/v1',
          SLIPSTREAM_GATEWAY_URL: baseUrl(apps['live-gateway']),
        },
      });
    const all = Object.fromEntries(SERVICES.map((service) => [service, baseUrl(apps[service])]));
    const passed = await run(all);
    expect(passed.stderr).toBe('');
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain('ok   Socket.io handshake');
    expect(passed.stdout).toMatch(/ok {3}live feed: a (snapshot|delta) frame of session 10028/);
    const failed = await run({ ...all, normalization: 'http://127.0.0.1:9' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('FAIL normalization /health/ready');
  });
});
