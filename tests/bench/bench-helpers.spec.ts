import { describe, expect, it } from 'vitest';

import { percentile, ratioOf } from '../../bench/infra/bench';
import { formatNumber, formatTable } from '../../bench/infra/table';

describe('benchmark helpers', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 100)).toBe(10);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it('gives a ratio only against a usable baseline', () => {
    expect(ratioOf(30, 10)).toBe(3);
    expect(ratioOf(5, 0)).toBeUndefined();
    expect(ratioOf(5, undefined)).toBeUndefined();
    expect(ratioOf(5, Number.NaN)).toBeUndefined();
  });

  it('prints figures with their baseline and ratio, numbers right-aligned', () => {
    const table = formatTable([
      {
        benchmark: 'csv-backfill',
        name: 'wall time',
        value: 108.4,
        unit: 's',
        baseline: { name: 'chDB', value: 3.1 },
        ratio: 108.4 / 3.1,
      },
      { benchmark: 'memory', name: 'peak RSS', value: 1234.5, unit: 'MiB' },
    ]).split('\n');
    expect(table[0]).toMatch(
      /^\| benchmark +\| figure +\| slipstream \| baseline \| baseline value \| ratio \|$/,
    );
    expect(table[1]).toMatch(/^\|-+\|-+\|-+:\|-+\|-+:\|-+:\|$/);
    expect(table[2]).toMatch(/^\| csv-backfill \| wall time +\| +108 s \| chDB +\| +3\.10 s \| 35\.0× \|$/);
    expect(table[3]).toMatch(/^\| memory +\| peak RSS +\| +1,235 MiB \| — +\| +— \| +— \|$/);
    expect(formatNumber(0.01234)).toBe('0.0123');
  });
});
