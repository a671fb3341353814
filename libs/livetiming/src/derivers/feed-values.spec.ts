import { describe, expect, it } from 'vitest';

import { driverNumberOf, parseDecimal, parseDurationMs, parseFeedBoolean, parseGap } from './feed-values';

// Values as the 2025 Mexico City qualifying and Miami sprint archives write them.
describe('feed values', () => {
  it('reads lap and sector times, including sectors over a minute written in seconds', () => {
    expect(['1:18.964', '27.339', '90.889', '11:19.940', ''].map(parseDurationMs)).toEqual([
      78964,
      27339,
      90889,
      679940,
      null,
    ]);
  });

  it('tells a time gap from laps down and from the leader', () => {
    expect(parseGap('+0.672')).toEqual({ text: '+0.672', ms: 672, laps: null });
    expect(parseGap('5L')).toEqual({ text: '5L', ms: null, laps: 5 });
    expect(parseGap('LAP 18')).toEqual({ text: 'LAP 18', ms: null, laps: null });
    expect(parseGap(undefined)).toEqual({ text: '', ms: null, laps: null });
  });

  it('reads booleans sent as strings and numbers sent as text', () => {
    expect([true, 'true', 'false', '0', '1', ''].map(parseFeedBoolean)).toEqual([
      true,
      true,
      false,
      false,
      true,
      null,
    ]);
    expect(['25.9', '780.8', '', 'n/a'].map(parseDecimal)).toEqual([25.9, 780.8, null, null]);
  });

  it('treats only racing numbers as driver keys', () => {
    expect(['44', '1', '_kf', 'Withheld'].map(driverNumberOf)).toEqual([44, 1, null, null]);
  });
});
