import { describe, expect, it } from 'vitest';

import { parseDurationMs, utcInstant } from './race-times';

describe('published times as milliseconds', () => {
  it.each([
    ['1:34:50.616', 5_690_616], // Button's 2009 Australian GP race time
    ['1:27.452', 87_452], // a lap
    ['26.898', 26_898], // a pit stop
    ['16:24.435', 984_435], // a pit stop under a red flag
    ['1:40.2', 100_200],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', '1:7a', '+5.478', '1:61.000'])('rejects %j', (text) => {
    expect(parseDurationMs(text)).toBeNull();
  });

  it('places a race-weekend fact at its UTC start, or midnight when no time was published', () => {
    expect(utcInstant('2023-03-05', '15:00:00')).toBe('2023-03-05T15:00:00.000Z');
    expect(utcInstant('1950-05-13', null)).toBe('1950-05-13T00:00:00.000Z');
  });
});
