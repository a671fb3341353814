import { describe, expect, it } from 'vitest';

import { parseArchiveOffset, parseF1Utc, toIsoUtc } from './utc-time';

const iso = (value: string) => {
  const ms = parseF1Utc(value);
  return ms === undefined ? undefined : toIsoUtc(ms);
};

describe('parseF1Utc', () => {
  it('keeps milliseconds of the 100 ns ticks F1 writes (Heartbeat)', () => {
    expect(iso('2025-10-25T20:46:41.1110449Z')).toBe('2025-10-25T20:46:41.111Z');
  });

  it('reads a value without Z as UTC, as RaceControlMessages mean it', () => {
    expect(iso('2025-10-25T21:00:00')).toBe('2025-10-25T21:00:00.000Z');
  });

  it('reads the microsecond receive times of FastF1 recordings', () => {
    expect(iso('2021-03-28T14:52:32.124219Z')).toBe('2021-03-28T14:52:32.124Z');
    expect(iso('2021-03-28T14:56:43.048Z')).toBe('2021-03-28T14:56:43.048Z');
  });

  it('rejects the damaged timestamps of with_errors.txt', () => {
    for (const broken of ['202103-28TZ', '2021-0341.297Z', '208T14:57:41.297Z', '2021035:00:']) {
      expect(parseF1Utc(broken)).toBeUndefined();
    }
    expect(parseF1Utc(undefined)).toBeUndefined();
  });
});

describe('parseArchiveOffset', () => {
  it('reads HH:MM:SS.mmm as milliseconds', () => {
    expect(parseArchiveOffset('01:18:43.422{"Status":"Finalised"}')).toBe(4_723_422);
    expect(parseArchiveOffset('00:00:00.000{}')).toBe(0);
  });

  it('rejects lines without an offset', () => {
    expect(parseArchiveOffset('{"Status":"Started","Started":"Started"}')).toBeUndefined();
    expect(parseArchiveOffset('00:61:00.000{}')).toBeUndefined();
  });
});
