import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseArchiveLine, readArchiveTopicFile } from './archive-topic-file';
import {
  archiveTimestamp,
  ClockSample,
  clockSampleOf,
  deriveStreamClock,
  medianStreamStart,
  withAdvancingOffsets,
} from './stream-clock';
import { toIsoUtc } from './utc-time';

const ARCHIVE = join(__dirname, '../../fixtures/archive');

async function samplesOf(file: string): Promise<ClockSample[]> {
  const samples: ClockSample[] = [];
  for await (const message of readArchiveTopicFile(file)) {
    const sample = clockSampleOf(message);
    if (sample) samples.push(sample);
  }
  return samples;
}

describe('clockSampleOf', () => {
  it('reads the Heartbeat clock', () => {
    const message = parseArchiveLine('Heartbeat', '00:00:15.110{"Utc":"2025-10-25T20:46:41.1110449Z"}', 1);
    expect(clockSampleOf(message)).toEqual({
      offsetMs: 15_110,
      utcMs: Date.parse('2025-10-25T20:46:41.111Z'),
    });
  });

  it('takes the latest time one collection deep (RaceControlMessages patch)', () => {
    const line =
      '00:17:34.763{"Messages":{"1":{"Utc":"2025-10-25T21:03:58","Category":"Flag","Flag":"YELLOW"}}}';
    expect(clockSampleOf(parseArchiveLine('RaceControlMessages', line, 2))?.utcMs).toBe(
      Date.parse('2025-10-25T21:03:58Z'),
    );
  });

  it('finds nothing in payloads without a clock', () => {
    expect(
      clockSampleOf(parseArchiveLine('TrackStatus', '00:00:00.000{"Status":"1","Message":"AllClear"}', 1)),
    ).toBeUndefined();
  });
});

describe('stream start estimate', () => {
  it('ignores the heartbeats the archive wrote after it stopped advancing offsets', async () => {
    const tail = await samplesOf(join(ARCHIVE, 'heartbeat-tail/Heartbeat.jsonStream'));
    expect(tail).toHaveLength(12);
    const advancing = withAdvancingOffsets(tail);
    expect(advancing).toHaveLength(7);
    expect(toIsoUtc(medianStreamStart(advancing) as number)).toBe('2025-10-25T20:46:26.207Z');
    // Kept in, the frozen tail would pull the start ~1.7 s late.
    expect(toIsoUtc(medianStreamStart(tail) as number)).toBe('2025-10-25T20:46:27.932Z');
  });

  it('agrees between the first and the last minutes of the same session within 0.2 s', async () => {
    const head = medianStreamStart(
      withAdvancingOffsets(await samplesOf(join(ARCHIVE, 'mexico-qualifying-head/Heartbeat.jsonStream'))),
    );
    const tail = medianStreamStart(
      withAdvancingOffsets(await samplesOf(join(ARCHIVE, 'heartbeat-tail/Heartbeat.jsonStream'))),
    );
    expect(Math.abs((head as number) - (tail as number))).toBeLessThan(200);
  });
});

describe('deriveStreamClock', () => {
  it('uses Heartbeat when the folder has it', async () => {
    const clock = await deriveStreamClock(join(ARCHIVE, 'mexico-qualifying-head'));
    expect(clock).toEqual({
      startUtcMs: Date.parse('2025-10-25T20:46:26.012Z'),
      source: 'Heartbeat',
      samples: 8,
    });
    expect(archiveTimestamp(clock!, 816_231)).toBe('2025-10-25T21:00:02.243Z');
  });

  it('falls back to event times without Heartbeat (Miami sprint race control)', async () => {
    const clock = await deriveStreamClock(join(ARCHIVE, 'miami-sprint-head'));
    expect(clock).toEqual({
      startUtcMs: Date.parse('2025-05-03T15:17:19.947Z'),
      source: 'event times',
      samples: 3,
    });
  });

  it('is undefined when nothing in the folder carries a clock', async () => {
    expect(await deriveStreamClock(join(ARCHIVE, 'corrupt'))).toBeUndefined();
  });
});
