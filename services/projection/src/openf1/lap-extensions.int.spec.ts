import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type OpenF1OverRecordings,
  openf1OverRecordings,
  type OpenF1Row as Row,
} from '../testing/openf1-over-recordings';

describe("FastF1's per-lap fields on /v1/laps, from the recorded Miami sprint (embedded ClickHouse)", () => {
  let recorded: OpenF1OverRecordings;
  let laps: Row[];
  const rows = (endpoint: string, query: string): Promise<Row[]> => recorded.rows(endpoint, query);

  beforeAll(async () => {
    recorded = await openf1OverRecordings('lap_extensions_spec', [
      { source: '2025-miami-gp-sprint', sessionKey: 10028 },
    ]);
    laps = await rows('laps', 'session_key=10028');
  }, 150_000);

  afterAll(async () => {
    await recorded?.dispose();
  });

  it('gives each lap the compound, stint, tyre life and freshness of the stint it belongs to', async () => {
    const stints = await rows('stints', 'session_key=10028');
    for (const lap of laps) {
      const stint = stints.find(
        (s) =>
          s.driver_number === lap.driver_number &&
          (s.lap_start as number) <= (lap.lap_number as number) &&
          (lap.lap_number as number) <= (s.lap_end as number),
      );
      const label = `car ${String(lap.driver_number)} lap ${String(lap.lap_number)}`;
      expect(stint, label).toBeDefined();
      expect([lap.stint, lap.compound], label).toEqual([stint?.stint_number, stint?.compound]);
      expect(lap.tyre_life, label).toBe(
        (stint?.tyre_age_at_start as number) + (lap.lap_number as number) - (stint?.lap_start as number) + 1,
      );
    }
    expect(
      laps
        .filter((lap) => lap.driver_number === 1 && [1, 12, 13, 18].includes(lap.lap_number as number))
        .map((lap) => [lap.lap_number, lap.stint, lap.compound, lap.tyre_life, lap.fresh_tyre]),
    ).toEqual([
      [1, 1, 'INTERMEDIATE', 1, true],
      [12, 1, 'INTERMEDIATE', 12, true],
      [13, 2, 'SOFT', 4, false],
      [18, 2, 'SOFT', 9, false],
    ]);
  });

  it('lists the track status codes in force during each lap, in order', async () => {
    const trackStatus = await rows('race_control', 'session_key=10028&category=SafetyCar');
    expect(trackStatus.length).toBeGreaterThan(0);
    for (const lap of laps) {
      expect(lap.track_status, `car ${String(lap.driver_number)} lap ${String(lap.lap_number)}`).toMatch(
        /^[1-7]+$/,
      );
      const codes = String(lap.track_status);
      for (let i = 1; i < codes.length; i += 1) expect(codes[i]).not.toBe(codes[i - 1]);
    }
    // Alonso's crash brought out the safety car to the flag: every car's last lap ran under it.
    const lastLaps = laps.filter((lap) => lap.lap_number === 18);
    expect(lastLaps.length).toBeGreaterThan(10);
    for (const lap of lastLaps) expect(String(lap.track_status)).toContain('4');
    expect(laps.some((lap) => lap.track_status === '1')).toBe(true);
  });

  it('says why race control deleted a lap, on exactly the deleted laps, and flags personal bests', async () => {
    for (const lap of laps) expect(lap.deleted_reason !== null).toBe(lap.is_deleted === true);
    const fastest = laps
      .filter((lap) => typeof lap.lap_duration === 'number')
      .reduce((best, lap) => ((lap.lap_duration as number) < (best.lap_duration as number) ? lap : best));
    expect(fastest.is_personal_best).toBe(true);
  });
});
