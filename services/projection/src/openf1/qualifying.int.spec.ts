import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type OpenF1OverRecordings,
  openf1OverRecordings,
  type OpenF1Row as Row,
} from '../testing/openf1-over-recordings';

describe('qualifying as OpenF1 shows it, from the recorded Mexico City qualifying (embedded ClickHouse)', () => {
  let recorded: OpenF1OverRecordings;
  const rows = (endpoint: string, query: string): Promise<Row[]> => recorded.rows(endpoint, query);

  beforeAll(async () => {
    recorded = await openf1OverRecordings('qualifying_spec', [
      { source: '2025-mexico-city-gp-qualifying', sessionKey: 9873 },
      { source: '2025-miami-gp-sprint', sessionKey: 10028 },
    ]);
  }, 150_000);

  afterAll(async () => {
    await recorded?.dispose();
  });

  it('marks each race control message with the part it was issued in, and none outside qualifying', async () => {
    const messages = await rows('race_control', 'session_key=9873');
    expect(messages.map((m) => [m.qualifying_phase, String(m.message).slice(0, 28)])).toEqual([
      [1, 'GREEN LIGHT - PIT EXIT OPEN'],
      [1, 'CAR 5 (BOR) TIME 1:18.964 DE'],
      [1, 'CHEQUERED FLAG'],
      [1, 'FIRST CAR TO TAKE THE FLAG -'],
      [1, 'CAR 43 (COL) LAP DELETED - T'],
      [1, 'FIA STEWARDS: Q1 INCIDENT IN'],
      [1, 'FIA STEWARDS: Q1 INCIDENT IN'],
      [2, 'GREEN LIGHT - PIT EXIT OPEN'],
      [2, 'CHEQUERED FLAG'],
      [2, 'FIRST CAR TO TAKE THE FLAG -'],
      [3, 'GREEN LIGHT - PIT EXIT OPEN'],
      [3, 'CHEQUERED FLAG'],
      [3, 'FIRST CAR TO TAKE THE FLAG -'],
      [3, 'FIA STEWARDS: Q1 INCIDENT IN'],
    ]);
    expect((await rows('race_control', 'qualifying_phase=2')).map((m) => m.session_key)).toEqual([
      9873, 9873, 9873,
    ]);
    const sprint = await rows('race_control', 'session_key=10028');
    expect(sprint.length).toBeGreaterThan(0);
    expect(sprint.every((m) => m.qualifying_phase === null)).toBe(true);
  });

  it('gives each car its best time and its gap to the fastest in each part it ran, as arrays', async () => {
    const result = await rows('session_result', 'session_key=9873');
    expect(result).toHaveLength(20);
    for (const part of [0, 1, 2]) {
      const timed = result.filter((r) => (r.duration as Array<number | null>)[part] !== null);
      const fastest = Math.min(...timed.map((r) => (r.duration as number[])[part]));
      for (const row of result) {
        const time = (row.duration as Array<number | null>)[part];
        const gap = (row.gap_to_leader as Array<number | null>)[part];
        expect(gap, `car ${String(row.driver_number)} Q${part + 1}`).toBe(
          time === null ? null : Math.round((time - fastest) * 1000) / 1000,
        );
      }
    }
    // Pole: Norris, 1:15.586 in Q3; Leclerc 0.262 s behind.
    expect(result.slice(0, 2).map((r) => [r.driver_number, r.duration, r.gap_to_leader])).toEqual([
      [4, [76.899, 76.252, 75.586], [0.166, 0, 0]],
      [16, [77.024, 76.658, 75.848], [0.291, 0.406, 0.262]],
    ]);
    // The top ten ran Q3, the rest did not: their Q3 entries are null.
    expect(result.slice(0, 10).every((r) => (r.gap_to_leader as unknown[])[2] !== null)).toBe(true);
    expect(result.slice(10).every((r) => (r.gap_to_leader as unknown[])[2] === null)).toBe(true);
  });
});
