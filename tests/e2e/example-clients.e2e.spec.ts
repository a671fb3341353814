import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually } from '@slipstream/testing';

import { type LiveFeedStack, MEXICO_QUALIFYING, replayFrom, startLiveFeedStack } from './live-feed-stack';

const EXAMPLES = resolve(__dirname, '../../examples');
const FRAMES = 5;

/**
 * The interpreter scripts/ensure-prerequisites.sh installs the example's packages for: Debian's
 * python3 (a pyenv `python3` earlier on PATH does not see them), or SLIPSTREAM_PYTHON.
 */
const python =
  process.env.SLIPSTREAM_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** The example's imports: python-socketio, and websocket-client for its WebSocket transport. */
function missingPythonModules(): string[] {
  return ['socketio', 'websocket'].filter(
    (module) => spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status !== 0,
  );
}

/** Both examples print the same lines: `snapshot …`, `delta <topic> <items> <last seq>`, `summary {json}`. */
function expectSnapshotThenDeltas(stdout: string): void {
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(
    /^snapshot session=9873 drivers=\d+ timing_rows=\d+ sequences=\{"EVENTS": ?\d+, ?"TELEMETRY": ?\d+\}$/,
  );
  const deltas = lines.filter((line) => line.startsWith('delta ')).map((line) => line.split(' '));
  for (const topic of ['timing', 'telemetry']) {
    const sequences = deltas.filter(([, each]) => each === topic).map(([, , , seq]) => Number(seq));
    expect(sequences.length, topic).toBeGreaterThanOrEqual(FRAMES);
    expect(sequences, `${topic} frames in stream order`).toEqual([...sequences].sort((a, b) => a - b));
  }
  const summaryLine = lines.find((line) => line.startsWith('summary '));
  expect(summaryLine, stdout.slice(-2_000)).toBeDefined();
  const summary = JSON.parse(summaryLine!.slice('summary '.length)) as {
    frames: Record<string, number>;
    items: Record<string, number>;
  };
  expect(summary.frames.timing).toBeGreaterThan(0);
  expect(summary.frames.telemetry).toBeGreaterThan(0);
  // A telemetry frame carries every car's batch of that tick.
  expect(summary.items.telemetry).toBeGreaterThan(summary.frames.telemetry);
}

describe('the example clients on a replaying session (2025 Mexico City qualifying, 10x)', () => {
  let stack: LiveFeedStack;
  const args = () => [
    '--url',
    stack.url,
    '--session',
    String(MEXICO_QUALIFYING.sessionKey),
    '--topics',
    'timing,telemetry',
    '--frames',
    String(FRAMES),
    '--seconds',
    '60',
  ];

  beforeAll(async () => {
    stack = await startLiveFeedStack();
    await replayFrom(stack.url, MEXICO_QUALIFYING.folder, 10, 2 * 60_000);
    await eventually(
      async () => {
        const { sessions } = (await (await fetch(`${stack.url}/v1/feed/sessions/live`)).json()) as {
          sessions: Array<{ sessionKey: number }>;
        };
        return sessions.some((session) => session.sessionKey === MEXICO_QUALIFYING.sessionKey) || undefined;
      },
      150_000,
      'the session to be live on the gateway',
    );
  }, 240_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('Python (python3-socketio, python3-websocket): the snapshot first, then timing and telemetry deltas in stream order', async () => {
    // Never a skip: `npm test` installs these first (scripts/ensure-prerequisites.sh --test).
    expect(
      missingPythonModules(),
      `${python} lacks modules; run bash scripts/ensure-prerequisites.sh --test`,
    ).toEqual([]);
    const { stdout } = await promisify(execFile)(
      python,
      [resolve(EXAMPLES, 'python/live_feed_client.py'), ...args()],
      { timeout: 90_000 },
    );
    expectSnapshotThenDeltas(stdout);
  }, 120_000);

  it('Node (socket.io-client): the same', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [resolve(EXAMPLES, 'node/live-feed-client.mjs'), ...args()],
      { timeout: 90_000 },
    );
    expectSnapshotThenDeltas(stdout);
  }, 120_000);
});
