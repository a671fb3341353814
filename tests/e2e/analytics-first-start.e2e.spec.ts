import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createTempDir, eventually, freePort } from '@slipstream/testing';

const root = resolve(__dirname, '../..');
/** Bounds that only catch a stuck start or import on a busy machine. */
const WAIT_MS = 240_000;

interface Started {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** `npm start` (scripts/start.sh) on free ports, its output collected; no demo replay, to save CPU. */
async function start(home: string): Promise<Started & { httpPort: number }> {
  const [httpPort, natsPort] = [await freePort(), await freePort()];
  let output = '';
  const child = spawn('bash', ['scripts/start.sh'], {
    cwd: root,
    env: {
      ...process.env,
      SLIPSTREAM_HOME: home,
      HTTP_PORT: String(httpPort),
      NATS_PORT: String(natsPort),
      REPLAY_AUTOSTART: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, httpPort, output: () => output, stop };
}

describe('npm start imports the bundled history on its first run only', () => {
  const home = createTempDir('slipstream-first-start-');
  const running: Started[] = [];

  afterAll(async () => {
    for (const run of running) await run.stop();
    home.remove();
  }, WAIT_MS);

  it(
    'imports with progress on the first start, the pages have data, and the second start skips it',
    async () => {
      const first = await start(home.path);
      running.push(first);
      await eventually(
        async () => {
          if (first.child.exitCode !== null) throw new Error(`start.sh exited:\n${first.output()}`);
          return first.output().includes('[first start] done');
        },
        WAIT_MS,
        'the first-start import to finish',
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${first.output()}`);
      });
      const log = first.output();
      // Progress from each step: the CSV import, the replay, the read models.
      expect(log).toContain('[first start] importing the bundled history');
      expect(log).toMatch(/\[import-csv\] \d+/);
      expect(log).toMatch(/replaying Sprint \(session 10028\)/);
      expect(log).toContain('[first start] seasons 2020, 2025 of 2020, 2025 in the read models');
      const url = `http://127.0.0.1:${first.httpPort}`;
      const progression = (await (
        await fetch(`${url}/v1/history/standings-progression?season=2025&limit=1`)
      ).json()) as { total: number };
      expect(progression.total).toBeGreaterThan(0);
      const result = (await (await fetch(`${url}/v1/session_result?session_key=10028`)).json()) as Array<{
        result_status: string;
      }>;
      expect(result.length).toBe(20);
      expect(result.every((row) => row.result_status === 'official')).toBe(true);
      expect((await fetch(`${url}/analytics/season`)).status).toBe(200);
      await first.stop();

      const second = await start(home.path);
      running.push(second);
      await eventually(
        async () => {
          if (second.child.exitCode !== null) throw new Error(`start.sh exited:\n${second.output()}`);
          return second.output().includes('[first start] bundled history already imported');
        },
        WAIT_MS,
        'the second start to skip the import',
      );
      expect(second.output()).not.toContain('[first start] importing');
      await second.stop();
    },
    3 * WAIT_MS,
  );
});
