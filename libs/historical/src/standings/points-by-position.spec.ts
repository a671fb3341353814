import { describe, expect, it } from 'vitest';

import { pointsForPosition } from './points-by-position';

describe('points by finishing position', () => {
  it("scores each era's race and sprint as the regulations did", () => {
    expect([1, 2, 10, 11].map((position) => pointsForPosition(2025, 'race', position))).toEqual([
      25, 18, 1, 0,
    ]);
    expect([1, 8, 9].map((position) => pointsForPosition(2025, 'sprint', position))).toEqual([8, 1, 0]);
    expect([1, 3, 4].map((position) => pointsForPosition(2021, 'sprint', position))).toEqual([3, 1, 0]);
    expect(pointsForPosition(2009, 'race', 1)).toBe(10);
    expect(pointsForPosition(2009, 'race', 8)).toBe(1);
    expect(pointsForPosition(1995, 'race', 2)).toBe(6);
    expect(pointsForPosition(1990, 'race', 1)).toBeUndefined();
  });
});
