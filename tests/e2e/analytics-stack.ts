import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';

import { AllInOneModule, configSchema } from '@slipstream/all-in-one';
import { DURABLE_CONSUMERS } from '@slipstream/contracts';
import { connectToNats } from '@slipstream/messaging';
import { createService } from '@slipstream/platform';
import {
  createTempDir,
  eventually,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
  waitForConsumerDrained,
} from '@slipstream/testing';

import { SESSIONS_DIR } from './livetiming-pipeline';

/*
 * What `npm start` leaves after its first run, for the analytics pages: a real nats-server, the
 * all-in-one process (embedded chDB in a temporary directory), the first-start import run as
 * start.sh runs it (the built CLI: bundled CSV seasons and the Miami sprint), and the Mexico City
 * qualifying replayed at full speed, with its car telemetry, for the two-laps page.
 */

const ROOT = resolve(__dirname, '../..');
const FIRST_START_CLI = 'apps/all-in-one/dist/first-start/first-start-cli.js';
export const MEXICO_QUALIFYING = { folder: '2025-mexico-city-gp-qualifying', sessionKey: 9873 } as const;
export const MIAMI_SPRINT = { sessionKey: 10028 } as const;

export interface AnalyticsStack {
  url: string;
  /** What the first-start import wrote, for the test to show on failure. */
  importLog: string;
  /** Messages each durable consumer was sent more than once, once everything was projected. */
  redelivered: Record<string, number>;
  close(): Promise<void>;
}

export async function startAnalyticsStack(waitMs: number): Promise<AnalyticsStack> {
  let nats: RunningNatsServer | undefined;
  let app: INestApplication | undefined;
  let nc: NatsConnection | undefined;
  const dirs: TempDir[] = [];
  const close = async () => {
    await nc?.drain();
    await app?.close();
    await nats?.dispose();
    dirs.forEach((dir) => dir.remove());
  };
  try {
    nats = await startNatsServer();
    const [chdb, home] = [createTempDir('slipstream-analytics-'), createTempDir('slipstream-home-')];
    dirs.push(chdb, home);
    ({ app } = await createService(
      { name: 'all-in-one', configSchema, rootModule: (config) => AllInOneModule.forRoot(config) },
      {
        NATS_URL: nats.url,
        CHDB_PATH: chdb.path,
        REPLAY_DIR: SESSIONS_DIR,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
    ));
    const { port } = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const importLog = await runFirstStart(home.path, port, nats.url);
    const started = await fetch(`${url}/v1/replays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session: MEXICO_QUALIFYING.folder, speed: 'max' }),
    });
    if (started.status !== 201) throw new Error(`replay did not start: ${await started.text()}`);
    await eventually(
      async () => {
        const { replays } = (await (await fetch(`${url}/v1/replays`)).json()) as {
          replays: Array<{ sessionKey: number; state: string }>;
        };
        return replays.find((r) => r.sessionKey === MEXICO_QUALIFYING.sessionKey)?.state === 'finished';
      },
      // A whole session at full speed through every stage: minutes when the machine is shared.
      2 * waitMs,
      'the Mexico City qualifying replayed',
    );
    // Everything published has been projected: the pages and the test then read the same rows.
    nc = await connectToNats({ url: nats.url, name: 'analytics-e2e' });
    const stages = [
      DURABLE_CONSUMERS.normalizationLivetiming,
      DURABLE_CONSUMERS.normalizationErgast,
      DURABLE_CONSUMERS.normalizationStandings,
      DURABLE_CONSUMERS.projectionEvents,
      DURABLE_CONSUMERS.projectionTelemetry,
    ];
    for (const { stream, durable } of stages) await waitForConsumerDrained(nc, stream, durable, waitMs);
    const jsm = await jetstreamManager(nc);
    const redelivered: Record<string, number> = {};
    for (const { stream, durable } of stages)
      redelivered[durable] = (await jsm.consumers.info(stream, durable)).num_redelivered;
    return { url, importLog, redelivered, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The first-start import as scripts/start.sh runs it; resolves with its output once it is done. */
function runFirstStart(home: string, port: number, natsUrl: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [FIRST_START_CLI], {
      cwd: ROOT,
      env: { ...process.env, SLIPSTREAM_HOME: home, HTTP_PORT: String(port), NATS_URL: natsUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? done(output) : fail(new Error(`first-start import exited ${code}:\n${output}`)),
    );
  });
}
