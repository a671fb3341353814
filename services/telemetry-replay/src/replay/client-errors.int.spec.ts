import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually, freePort, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

const ROOT = resolve(__dirname, '../../../..');

interface LogLine {
  level: string;
  msg?: string;
  status?: number;
  type?: string;
  stack?: unknown;
  err?: { stack?: string };
}

/*
 * The service as deployed (its built main.js in a child process, logs read from its stdout): a
 * client's broken request is the client's mistake, logged at warn without a stack (issue 18).
 */
describe('client errors at the replay service', () => {
  let nats: RunningNatsServer;
  let child: ChildProcess;
  let base: string;
  const logs: LogLine[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [resolve(ROOT, 'services/telemetry-replay/dist/main.js')], {
      env: {
        ...process.env,
        NATS_URL: nats.url,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        REPLAY_DIR: resolve(ROOT, 'data/sessions'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as LogLine);
    });
    await eventually(async () => (await fetch(`${base}/health/live`)).ok, 60_000, 'the service to listen');
  });

  afterAll(async () => {
    child?.kill('SIGTERM');
    await nats?.dispose();
  });

  const post = (headers: Record<string, string>, body: Buffer | string) =>
    fetch(`${base}/v1/replays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('answers a body over the limit with 413 and logs it at warn without a stack', async () => {
    const response = await post({}, JSON.stringify({ session: 'x'.repeat(2_000_000) }));
    expect(response.status).toBe(413);
    const line = await eventually(
      async () => logs.find((entry) => entry.status === 413),
      30_000,
      'the 413 log line',
    );
    expect(line).toMatchObject({ level: 'warn', msg: 'client error' });
    expect(line.stack).toBeUndefined();
    expect(line.err).toBeUndefined();
  });

  it('answers a body that is not gzip with 400, at warn', async () => {
    const response = await post({ 'content-encoding': 'gzip' }, 'not gzip at all');
    expect(response.status).toBe(400);
    const line = await eventually(
      async () => logs.find((entry) => entry.status === 400),
      30_000,
      'the 400 log line',
    );
    expect(line).toMatchObject({ level: 'warn', msg: 'client error' });
  });

  it('answers 408 when a body is shorter than its Content-Length, instead of waiting for the rest', async () => {
    const { port } = new URL(base);
    const answer = await new Promise<string>((done, fail) => {
      let received = '';
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write(
          'POST /v1/replays HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"session"',
        ),
      );
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('close', () => done(received));
      socket.on('error', fail);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
  }, 150_000);

  it('logs a body the client abandoned at warn, not error', async () => {
    const { port } = new URL(base);
    await new Promise<void>((done) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /v1/replays HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"se',
        );
        setImmediate(() => socket.destroy());
        done();
      });
    });
    await eventually(
      async () => logs.find((entry) => entry.type === 'request.aborted'),
      30_000,
      'the aborted body logged',
    );
    expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
