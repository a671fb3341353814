import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { type NatsConnection } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';

import { rawSubjects } from '@slipstream/contracts';
import { type RunningCoreHub, startCoreHub } from '@slipstream/ingestion';
import { connectToNats } from '@slipstream/messaging';
import {
  createTempDir,
  eventually,
  freePort,
  readStream,
  type RunningNatsServer,
  startNatsServer,
} from '@slipstream/testing';

import { fakeJwt } from '../../services/ingestion/src/livetiming/testing/fake-jwt';
import { liveIngestSettled } from './live-ingest-pipeline';

/*
 * The ingestion service as deployed (its built main.js, a process of its own, debug logs on) with
 * an F1 TV token: the token is sent to the hub, and appears in no log line, no metric, no
 * readiness answer and no RAW message, through drops and refusals. An expired token gives the
 * clear error and retries without exiting; without a token the unavailable topics are said once.
 */
const ROOT = resolve(__dirname, '../..');
const CAPTURE = resolve(ROOT, 'services/ingestion/fixtures/2025_brazil_sprint_first2000.txt.gz');
const WAIT_MS = 150_000;

interface Ingestion {
  child: ChildProcess;
  output(): string;
  base: string;
}

describe('the F1 TV token stays secret, and refusals are explained', () => {
  let nats: RunningNatsServer | undefined;
  let nc: NatsConnection | undefined;
  let hub: RunningCoreHub | undefined;
  let ingestion: Ingestion | undefined;
  const dir = createTempDir('slipstream-token-');

  afterEach(async () => {
    if (ingestion && ingestion.child.exitCode === null) {
      const exited = new Promise((done) => ingestion!.child.once('exit', done));
      ingestion.child.kill('SIGTERM');
      await exited;
    }
    await hub?.close();
    await nc?.drain();
    await nats?.dispose();
    ingestion = hub = nc = nats = undefined;
  });

  async function start(env: Record<string, string>): Promise<Ingestion> {
    nats = await startNatsServer();
    nc = await connectToNats({ url: nats.url, name: 'token-spec' });
    const port = await freePort();
    const child = spawn(process.execPath, ['services/ingestion/dist/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NATS_URL: nats.url,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'debug',
        LIVETIMING_ENABLED: 'true',
        LIVETIMING_URL: hub!.url,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    ingestion = { child, output: () => output, base: `http://127.0.0.1:${port}` };
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`ingestion exited ${child.exitCode}: ${output}`);
        return (await fetch(`${ingestion!.base}/health/ready`).catch(() => undefined))?.status === 200;
      },
      WAIT_MS,
      'ingestion ready',
    );
    return ingestion;
  }

  it('sends the token and shows it nowhere', async () => {
    const token = fakeJwt({ exp: Math.floor(Date.now() / 1_000) + 3 * 3_600 });
    const file = join(dir.path, 'token');
    writeFileSync(file, `Bearer ${token}\n`);
    hub = await startCoreHub({
      source: CAPTURE,
      tokens: [token],
      disconnectAfter: [500, 501],
      refuseNegotiations: 1,
    });
    const { output, base } = await start({ LIVETIMING_ACCESS_TOKEN_FILE: file });
    await liveIngestSettled(nc!, hub, () => true, WAIT_MS, false);

    expect(hub.bearers().every((bearer) => bearer === token)).toBe(true);
    expect(hub.bearers().length).toBeGreaterThanOrEqual(6);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const ready = await (await fetch(`${base}/health/ready`)).text();
    const raw = (await readStream(nc!, 'RAW', rawSubjects.ofSource('livetiming'))).map((message) =>
      message.string(),
    );
    expect(raw.length).toBeGreaterThan(1_000);
    expect(metrics).toMatch(/^slipstream_livetiming_token_expiry_seconds 10\d{3}$/m);
    // Three hours left is within the default day of warning.
    expect(ready).toContain('F1 TV token expires soon, until');
    expect(output().match(/the F1 TV token expires at 20/g)).toHaveLength(1);
    expect(output()).toContain('live feed disconnected');
    // The whole token, and its claims part alone (a partial leak is a leak too).
    for (const secret of [token, token.split('.')[1]]) {
      for (const text of [output(), metrics, ready, ...raw]) expect(text).not.toContain(secret);
    }
  }, 300_000);

  it('explains an expired token, keeps retrying, and warns of the expiry', async () => {
    const token = fakeJwt({ exp: Math.floor(Date.now() / 1_000) - 60 });
    hub = await startCoreHub({ source: CAPTURE, tokens: [token] });
    const { child, output, base } = await start({ LIVETIMING_ACCESS_TOKEN: token });
    await eventually(async () => hub!.negotiations() >= 3, WAIT_MS, 'three refused negotiations');

    expect(child.exitCode).toBeNull();
    expect(output()).toMatch(/401 Unauthorized: the F1 TV token expired at 20.*fresh token/);
    expect(output().match(/the F1 TV token expired at/g)!.length).toBeGreaterThanOrEqual(3);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(
      /^slipstream_livetiming_token_expiry_seconds -\d+$/m,
    );
    expect(output()).not.toContain(token.split('.')[1]);
  }, 300_000);

  it('says once, across reconnects, which topics an anonymous connection does not get', async () => {
    hub = await startCoreHub({ source: CAPTURE, disconnectAfter: [300, 900] });
    const { output } = await start({});
    await liveIngestSettled(nc!, hub, () => true, WAIT_MS, false);

    expect(hub.connections()).toBe(3);
    const warnings = output().match(
      /no F1 TV token[^"]*CarData\.z, Position\.z, ChampionshipPrediction, PitStopSeries/g,
    );
    expect(warnings).toHaveLength(1);
  }, 300_000);
});
