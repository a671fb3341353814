import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { readArchiveSession } from '../formats/archive-session';
import { TopicMessage } from '../formats/topic-message';
import { ManualClock } from './manual-clock';
import { SessionReplay, SessionReplayOptions } from './session-replay';

// 32 real messages from 9 topics of the Mexico City qualifying archive, offsets 0 … 31:36.259.
const MEXICO_HEAD = join(__dirname, '../../fixtures/archive/mexico-qualifying-head');
let recording: TopicMessage[];

beforeAll(async () => {
  recording = [];
  for await (const message of readArchiveSession(MEXICO_HEAD)) recording.push(message);
});

async function* replayOf(messages: TopicMessage[]): AsyncGenerator<TopicMessage> {
  yield* messages;
}

function harness(options: Partial<SessionReplayOptions> = {}) {
  const clock = new ManualClock();
  const delivered: { at: number; offsetMs?: number; topic: string }[] = [];
  const counts = { opened: 0, restarts: 0 };
  const replay = new SessionReplay({
    open: () => {
      counts.opened += 1;
      return replayOf(recording);
    },
    deliver: ({ offsetMs, topic }) => {
      delivered.push({ at: clock.now(), offsetMs, topic });
    },
    onRestart: () => {
      counts.restarts += 1;
    },
    clock,
    ...options,
  });
  return { clock, delivered, replay, counts };
}

const offsets = () => recording.map((m) => m.offsetMs as number);

describe('SessionReplay pacing', () => {
  it('delivers every message when its offset is reached at 1×', async () => {
    const { clock, delivered, replay } = harness();
    void replay.start();
    await clock.advance(1_900_000);
    expect(delivered.map((d) => d.at)).toEqual(offsets());
    expect(replay.status()).toMatchObject({
      state: 'finished',
      messagesSent: 32,
      positionMs: 1_896_259,
      lastOffsetMs: 1_896_259,
    });
  });

  it('divides every wait by the speed', async () => {
    const { clock, delivered, replay } = harness({ speed: 10 });
    void replay.start();
    await clock.advance(190_000);
    expect(delivered).toHaveLength(32);
    delivered.forEach((d, i) => expect(d.at).toBeCloseTo(offsets()[i] / 10, 6));
  });

  it('sends messages that share an offset back to back: one wait per distinct offset', async () => {
    const { clock, replay } = harness();
    void replay.start();
    await clock.advance(1_900_000);
    const distinctOffsetsAfterZero = new Set(offsets().filter((offset) => offset > 0)).size;
    expect(clock.sleeps).toHaveLength(distinctOffsetsAfterZero);
    expect(distinctOffsetsAfterZero).toBe(29);
  });

  it('plays as fast as delivery allows at Infinity, without a single wait', async () => {
    const { clock, delivered, replay } = harness({ speed: Infinity });
    await replay.start();
    expect(delivered).toHaveLength(32);
    expect(clock.sleeps).toEqual([]);
  });

  it('awaits a slow consumer, then sends what fell due meanwhile at once and keeps the schedule', async () => {
    const { clock, delivered, replay } = harness({
      deliver: async ({ topic, offsetMs }) => {
        delivered.push({ at: clock.now(), offsetMs, topic });
        if (topic === 'WeatherData' && offsetMs === 58_032)
          await clock.sleep(60_000, new AbortController().signal);
      },
    });
    void replay.start();
    await clock.advance(130_000);
    const after = delivered.filter((d) => (d.offsetMs as number) > 58_032).map((d) => [d.offsetMs, d.at]);
    expect(after).toEqual([
      [60_110, 118_032],
      [64_218, 118_032],
      [65_138, 118_032],
      [66_258, 118_032],
      [67_258, 118_032],
      [75_110, 118_032],
      [90_110, 118_032],
      [105_113, 118_032],
      [118_026, 118_032],
      [120_135, 120_135],
    ]);
  });
});

describe('SessionReplay controls', () => {
  it('pause holds the session time and resume waits only for what was left of the gap', async () => {
    const { clock, delivered, replay } = harness();
    void replay.start();
    await clock.advance(10_000);
    replay.pause();
    expect(replay.status()).toMatchObject({
      state: 'paused',
      positionMs: 10_000,
      lastOffsetMs: 4_110,
      messagesSent: 4,
    });
    await clock.advance(60_000);
    expect(delivered).toHaveLength(4);
    replay.resume();
    await clock.advance(3_000);
    expect(delivered[4]).toEqual({ at: 72_704, offsetMs: 12_704, topic: 'SessionStatus' });
  });

  it('setSpeed keeps the session time and paces the rest at the new speed', async () => {
    const { clock, delivered, replay } = harness();
    void replay.start();
    await clock.advance(10_000);
    replay.setSpeed(2);
    await clock.advance(2_000);
    expect(delivered[4]).toEqual({ at: 11_352, offsetMs: 12_704, topic: 'SessionStatus' });
    expect(replay.status().speed).toBe(2);
  });

  it('seek forward delivers everything before the target at once, then paces from the target', async () => {
    const { clock, delivered, replay } = harness();
    void replay.start();
    await clock.advance(5_000);
    replay.seek(60_000);
    await clock.flush();
    expect(delivered.filter((d) => d.at === 5_000).map((d) => d.offsetMs)).toEqual([
      12_704, 15_110, 20_915, 22_035, 22_995, 24_095, 30_155, 45_110, 58_032,
    ]);
    expect(replay.status()).toMatchObject({ state: 'playing', positionMs: 60_000, messagesSent: 13 });
    await clock.advance(200);
    expect(delivered[13]).toEqual({ at: 5_110, offsetMs: 60_110, topic: 'Heartbeat' });
  });

  it('seek backwards reopens the recording and replays instantly up to the target', async () => {
    const { clock, delivered, replay, counts } = harness();
    void replay.start();
    await clock.advance(200_000);
    const before = delivered.length;
    replay.seek(50_000);
    await clock.flush();
    expect(counts).toEqual({ opened: 2, restarts: 1 });
    expect(delivered.slice(before).map((d) => [d.offsetMs, d.at])).toEqual(
      offsets()
        .filter((offset) => offset < 50_000)
        .map((offset) => [offset, 200_000]),
    );
    expect(replay.status()).toMatchObject({
      positionMs: 50_000,
      lastOffsetMs: 45_110,
      messagesSent: before + 12,
    });
    await clock.advance(8_032);
    expect(delivered.at(-1)).toEqual({ at: 208_032, offsetMs: 58_032, topic: 'WeatherData' });
  });

  it('seek before start begins at the target', async () => {
    const { clock, delivered, replay } = harness();
    replay.seek(816_231);
    expect(replay.status()).toMatchObject({ state: 'idle', positionMs: 816_231 });
    void replay.start();
    await clock.flush();
    // 26 messages before the target and the 2 at it.
    expect(delivered.filter((d) => d.at === 0)).toHaveLength(28);
    await clock.advance(238);
    expect(delivered.at(-1)).toEqual({ at: 238, offsetMs: 816_469, topic: 'RaceControlMessages' });
  });

  it('seek backwards after the end plays again from the start', async () => {
    const { replay, counts } = harness({ speed: Infinity });
    await replay.start();
    replay.seek(0);
    expect(replay.status().state).toBe('playing');
    await replay.whenFinished();
    expect(counts).toEqual({ opened: 2, restarts: 1 });
    expect(replay.status()).toMatchObject({ state: 'finished', messagesSent: 64 });
  });

  it('paused seek delivers up to the target and stays paused there', async () => {
    const { clock, delivered, replay } = harness();
    void replay.start();
    await clock.advance(1_000);
    replay.pause();
    replay.seek(31_000);
    await clock.flush();
    expect(delivered.map((d) => d.offsetMs)).toEqual(offsets().filter((offset) => offset < 31_000));
    expect(replay.status()).toMatchObject({ state: 'paused', positionMs: 31_000 });
    await clock.advance(100_000);
    expect(delivered.at(-1)?.offsetMs).toBe(30_155);
  });

  it('stop ends the replay where it is', async () => {
    const { clock, delivered, replay } = harness();
    const run = replay.start();
    await clock.advance(10_000);
    replay.stop();
    await run;
    await clock.advance(1_000_000);
    expect(delivered).toHaveLength(4);
    expect(replay.status()).toMatchObject({ state: 'finished', positionMs: 4_110 });
  });

  it('stops and reports failed, not finished, when deliver fails', async () => {
    let calls = 0;
    const { replay } = harness({
      speed: Infinity,
      deliver: () => {
        calls += 1;
        if (calls === 3) throw new Error('NATS publish timed out');
      },
    });
    await expect(replay.start()).rejects.toThrow('NATS publish timed out');
    expect(replay.status()).toMatchObject({
      state: 'failed',
      messagesSent: 2,
      error: 'NATS publish timed out',
    });
  });

  it('rejects a speed that is not positive and a negative seek target', () => {
    const { replay } = harness();
    expect(() => replay.setSpeed(0)).toThrow(RangeError);
    expect(() => replay.setSpeed(Number.NaN)).toThrow(RangeError);
    expect(() => replay.seek(-1)).toThrow(RangeError);
  });
});
