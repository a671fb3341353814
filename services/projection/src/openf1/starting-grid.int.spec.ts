import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type OpenF1OverRecordings, openf1OverRecordings } from '../testing/openf1-over-recordings';

describe('starting_grid.lap_duration: the qualifying lap, from the recorded Mexico City weekend (embedded ClickHouse)', () => {
  let recorded: OpenF1OverRecordings;

  beforeAll(async () => {
    recorded = await openf1OverRecordings('starting_grid_spec', [
      { source: '2025-mexico-city-gp-qualifying', sessionKey: 9873 },
      { source: '2025-mexico-city-gp-race-partial', sessionKey: 9877 },
      { source: '2025-miami-gp-sprint', sessionKey: 10028 },
    ]);
  }, 150_000);

  afterAll(async () => {
    await recorded?.dispose();
  });

  it("gives each car of the race its best lap in the same meeting's qualifying, on the feed's grid", async () => {
    const grid = await recorded.rows('starting_grid', 'session_key=9877');
    expect(grid).toHaveLength(20);
    // The official record: Norris on pole in 1:15.586, Leclerc 1:15.848, Hamilton 1:15.938.
    expect(grid.slice(0, 3).map((r) => [r.position, r.driver_number, r.lap_duration])).toEqual([
      [1, 4, 75.586],
      [2, 16, 75.848],
      [3, 44, 75.938],
    ]);
    const qualifying = await recorded.rows('session_result', 'session_key=9873');
    const bestLap = new Map(qualifying.map((r) => [r.driver_number, r.best_lap_duration]));
    for (const row of grid)
      expect(row.lap_duration, `car ${String(row.driver_number)}`).toBe(bestLap.get(row.driver_number));
    expect(grid.map((r) => r.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("leaves it null where the meeting's qualifying was not replayed (the Miami sprint)", async () => {
    const grid = await recorded.rows('starting_grid', 'session_key=10028');
    expect(grid).toHaveLength(20);
    // TimingAppData's GridPos: Antonelli on sprint pole.
    expect(grid[0]).toMatchObject({ position: 1, driver_number: 12, lap_duration: null });
    expect(grid.every((r) => r.lap_duration === null)).toBe(true);
  });
});
