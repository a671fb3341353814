import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { readArchiveSession } from './archive-session';
import { LineError } from './line-error';
import { readSessionDescriptor } from './session-descriptor';
import { deriveStreamClock } from './stream-clock';

// The whole sessions bundled for the demo, read the way the replay service will read them.
const SESSIONS = join(__dirname, '../../../../data/sessions');
const MEXICO = join(SESSIONS, '2025-mexico-city-gp-qualifying');
const MIAMI = join(SESSIONS, '2025-miami-gp-sprint');

async function countByTopic(dir: string) {
  const counts: Record<string, number> = {};
  const errors: LineError[] = [];
  let lastOffset = -1;
  let outOfOrder = 0;
  for await (const message of readArchiveSession(dir, { onError: (error) => errors.push(error) })) {
    counts[message.topic] = (counts[message.topic] ?? 0) + 1;
    if ((message.offsetMs ?? 0) < lastOffset) outOfOrder += 1;
    lastOffset = message.offsetMs ?? lastOffset;
  }
  return { counts, errors, outOfOrder, lastOffset };
}

describe('bundled 2025 Mexico City GP qualifying (gzip)', () => {
  it('replays every record of all 18 topics in time order, matching the line counts in PROVENANCE.md', async () => {
    const { counts, errors, outOfOrder, lastOffset } = await countByTopic(MEXICO);
    expect(errors).toEqual([]);
    expect(outOfOrder).toBe(0);
    expect(counts).toEqual({
      AudioStreams: 1,
      'CarData.z': 4644,
      ContentStreams: 2,
      DriverList: 182,
      ExtrapolatedClock: 10,
      Heartbeat: 394,
      'Position.z': 4688,
      RaceControlMessages: 14,
      SessionData: 17,
      SessionInfo: 3,
      SessionStatus: 11,
      TeamRadio: 6,
      TimingAppData: 625,
      TimingData: 9044,
      TimingStats: 603,
      TopThree: 227,
      TrackStatus: 3,
      WeatherData: 78,
    });
    expect(lastOffset).toBe(4_723_422);
  });

  it('describes the session and dates the Q1 start from the Heartbeat clock', async () => {
    const descriptor = await readSessionDescriptor(MEXICO);
    expect(descriptor).toMatchObject({
      sessionKey: 9873,
      meetingKey: 1272,
      startUtc: '2025-10-25T21:00:00.000Z',
    });
    // 394 heartbeats, of which the 79 written after the archive froze its offsets are left out.
    expect(await deriveStreamClock(MEXICO)).toEqual({
      startUtcMs: Date.parse('2025-10-25T20:46:25.960Z'),
      source: 'Heartbeat',
      samples: 315,
    });
    const started: string[] = [];
    for await (const message of readArchiveSession(MEXICO, {
      topics: ['SessionStatus'],
      withTimestamps: true,
    })) {
      if ((message.payload as { Status?: string }).Status === 'Started')
        started.push(message.timestamp as string);
    }
    // Race control logs the Q1 green light at 21:00:00; the feed sends it ~2 s later.
    expect(started[0]).toBe('2025-10-25T21:00:02.191Z');
    expect(started).toHaveLength(3);
  });
});

describe('bundled 2025 Miami GP sprint (gzip, BOM and CRLF kept)', () => {
  it('reads the complete TimingData and the other topics without errors', async () => {
    const { counts, errors, outOfOrder } = await countByTopic(MIAMI);
    expect(errors).toEqual([]);
    expect(outOfOrder).toBe(0);
    expect(counts).toEqual({
      DriverList: 79,
      LapCount: 19,
      RaceControlMessages: 107,
      SessionInfo: 1,
      SessionStatus: 5,
      TimingAppData: 274,
      TimingData: 20767,
      TrackStatus: 27,
    });
  });

  it('has no session_info.json or Heartbeat, so descriptor and clock come from the streams', async () => {
    expect(await readSessionDescriptor(MIAMI)).toMatchObject({
      sessionKey: 10028,
      name: 'Sprint',
      startUtc: '2025-05-03T16:00:00.000Z',
    });
    expect((await deriveStreamClock(MIAMI))?.source).toBe('event times');
  });
});
