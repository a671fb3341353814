import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createTempDir, eventually, freePort } from '@slipstream/testing';

const root = resolve(__dirname, '../..');

describe('the README quick-start command (npm start)', () => {
  const home = createTempDir('slipstream-start-');
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((done) => child!.once('exit', done));
    }
    home.remove();
  });

  it('starts nats-server and all five services, answers /health/ready, and stops cleanly', async () => {
    const httpPort = await freePort();
    const natsPort = await freePort();
    child = spawn('bash', ['scripts/start.sh'], {
      cwd: root,
      env: {
        ...process.env,
        SLIPSTREAM_HOME: home.path,
        HTTP_PORT: String(httpPort),
        NATS_PORT: String(natsPort),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const ready = await eventually(
      async () => {
        if (child?.exitCode !== null) throw new Error(`start.sh exited early:\n${output}`);
        const response = await fetch(`http://127.0.0.1:${httpPort}/health/ready`);
        return response.status === 200
          ? ((await response.json()) as { checks: Record<string, { ok: boolean }> })
          : undefined;
      },
      120_000,
      'GET /health/ready = 200',
    );
    expect(Object.keys(ready.checks).sort()).toEqual(['clickhouse', 'jetstream', 'nats']);
    expect((await fetch(`http://127.0.0.1:${httpPort}/health/live`)).status).toBe(200);
    // The bundled Mexico City qualifying replays out of the box.
    const replays = (await (await fetch(`http://127.0.0.1:${httpPort}/v1/replays`)).json()) as {
      replays: Array<{ id: string; sessionKey: number; state: string }>;
    };
    expect(replays.replays).toEqual([expect.objectContaining({ sessionKey: 9873, state: 'playing' })]);
    const openapi = (await (await fetch(`http://127.0.0.1:${httpPort}/docs-json`)).json()) as {
      paths: object;
    };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/replays']));
    // The pipeline's own figures, once the replay has pushed messages through every stage.
    const expectedMetrics = [
      'process_resident_memory_bytes',
      'slipstream_replay_position_ms',
      'slipstream_messages_received_total{consumer="RAW/normalization-livetiming"}',
      'slipstream_messages_acked_total{consumer="EVENTS/projection-events"}',
      'slipstream_messages_published_total{stream_prefix="f1"',
      'slipstream_consumer_lag{consumer="RAW/normalization-livetiming"}',
      'slipstream_consumer_batch_size_bucket',
      'slipstream_consumer_handle_seconds_count{consumer="EVENTS/projection-events",outcome="ok"}',
      'slipstream_consumer_handle_seconds_count{consumer="TELEMETRY/projection-telemetry",outcome="ok"}',
      'slipstream_gateway_connected_clients',
    ];
    let metrics = '';
    await eventually(
      async () => {
        metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
        return expectedMetrics.every((name) => metrics.includes(name)) || undefined;
      },
      60_000,
      'every pipeline stage to report its metrics',
    ).catch(() => undefined);
    for (const name of expectedMetrics) expect(metrics).toContain(name);

    // JSON logs from the services, one object per line.
    const logLine = output
      .split('\n')
      .find((line) => line.startsWith('{') && line.includes('"service":"all-in-one"'));
    expect(logLine && JSON.parse(logLine)).toMatchObject({
      service: 'all-in-one',
      level: expect.any(String),
    });

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((done) =>
      child!.once('exit', (exitCode) => done(exitCode)),
    );
    expect(code).not.toBeNull();
    await expect(fetch(`http://127.0.0.1:${httpPort}/health/live`)).rejects.toThrow();
  }, 180_000);
});

describe('configuration validated at start-up', () => {
  it('names the bad variable and exits non-zero', async () => {
    const child = spawn(process.execPath, ['services/normalization/dist/main.js'], {
      cwd: root,
      env: { ...process.env, NATS_URL: 'http://not-nats', CONSUMER_BATCH_SIZE: 'lots' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toMatch(
      /NATS_URL: must be one or more comma-separated nats:\/\/host:port URLs \(got "http:\/\/not-nats"\)/,
    );
    expect(stderr).toMatch(/CONSUMER_BATCH_SIZE: .* \(got "lots"\)/);
  });
});
