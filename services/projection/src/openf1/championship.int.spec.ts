import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ChampionshipStandingPredicted, type HistoricalEvent } from '@slipstream/contracts';

import { ergastEventsOfSeason } from '../historical/testing/historical-events';
import { anEvent } from '../sessions/projection-fixtures';
import {
  type OpenF1OverRecordings,
  openf1OverRecordings,
  type OpenF1Row as Row,
} from '../testing/openf1-over-recordings';
import { projectEvents } from '../testing/recorded-sessions';

/*
 * The fallback on real data: the recorded Miami 2025 sprint (round 6) and the Ergast CSV set's 2025
 * (standings after round 5, the sprint's official result). No recording carries ChampionshipPrediction,
 * so the feed's rows are events built from its published format.
 */
describe('championship_drivers and championship_teams of the Miami 2025 sprint (embedded ClickHouse)', () => {
  let recorded: OpenF1OverRecordings;
  const history = ergastEventsOfSeason(2025);
  const isMiamiSprintResult = (
    event: HistoricalEvent,
  ): event is Extract<HistoricalEvent, { type: 'SprintResultRecorded' }> =>
    event.type === 'SprintResultRecorded' && event.data.round === 6;
  const byCar = (rows: Row[]) => new Map(rows.map((row) => [row.driver_number, row]));

  beforeAll(async () => {
    recorded = await openf1OverRecordings('championship_spec', [
      { source: '2025-miami-gp-sprint', sessionKey: 10028 },
      { source: '2025-mexico-city-gp-race-partial', sessionKey: 9877 },
    ]);
    await projectEvents(
      recorded.clickhouse,
      history.filter((event) => !isMiamiSprintResult(event)),
    );
  }, 150_000);

  afterAll(async () => {
    await recorded?.dispose();
  });

  it('starts from the standings after the previous round and adds the provisional result, scored 8-7-…-1', async () => {
    const drivers = await recorded.rows('championship_drivers', 'session_key=10028');
    expect(drivers).toHaveLength(20);
    expect(drivers.every((row) => row.source === 'standings_provisional')).toBe(true);
    // After Jeddah: Piastri 99, Norris 89, Verstappen 87, Russell 73. The feed's order: Norris,
    // Piastri, Hamilton, Albon, Russell… (before the stewards moved Albon back).
    expect(
      drivers
        .slice(0, 4)
        .map((r) => [
          r.driver_number,
          r.position_start,
          r.points_start,
          r.position_current,
          r.points_current,
        ]),
    ).toEqual([
      [81, 1, 99, 1, 106],
      [4, 2, 89, 2, 97],
      [1, 3, 87, 3, 87],
      [63, 4, 73, 4, 77],
    ]);
    expect(byCar(drivers).get(23)).toMatchObject({ points_start: 20, points_current: 25 });
    const scored = drivers.reduce(
      (sum, row) => sum + Number(row.points_current) - Number(row.points_start),
      0,
    );
    expect(scored).toBe(36);

    const teams = await recorded.rows('championship_teams', 'session_key=10028');
    expect(teams).toHaveLength(10);
    expect(
      teams.slice(0, 3).map((r) => [r.team_name, r.points_start, r.points_current, r.position_current]),
    ).toEqual([
      ['McLaren', 188, 203, 1],
      ['Mercedes', 111, 115, 2],
      ['Red Bull Racing', 89, 89, 3],
    ]);
    expect(teams.reduce((sum, row) => sum + Number(row.points_current) - Number(row.points_start), 0)).toBe(
      36,
    );
  });

  it('takes the official points once the official result arrives', async () => {
    await projectEvents(recorded.clickhouse, history.filter(isMiamiSprintResult));
    const drivers = byCar(await recorded.rows('championship_drivers', 'session_key=10028'));
    const official = history.filter(isMiamiSprintResult).map((event) => event.data);
    expect(official).toHaveLength(20);
    for (const result of official) {
      const row = drivers.get(result.carNumber)!;
      expect(row.source).toBe('standings_official');
      expect(Number(row.points_current) - Number(row.points_start), `car ${result.carNumber}`).toBe(
        result.points,
      );
    }
    // Albon, fourth on the road, classified eleventh: no points; Russell fourth: five.
    expect(drivers.get(23)).toMatchObject({ points_start: 20, points_current: 20 });
    expect(drivers.get(63)).toMatchObject({ points_current: 78, position_current: 4 });
    const teams = await recorded.rows('championship_teams', 'session_key=10028&team_name=Williams');
    expect(teams).toEqual([
      expect.objectContaining({ points_start: 25, points_current: 25, source: 'standings_official' }),
    ]);
  });

  it('answers nothing where the standings of the previous round are missing (Mexico City: the set stops after round 18)', async () => {
    expect(await recorded.rows('championship_drivers', 'session_key=9877')).toEqual([]);
    expect(await recorded.rows('championship_teams', 'session_key=9877')).toEqual([]);
  });

  it("serves the feed's ChampionshipPrediction instead, where it came", async () => {
    const predicted = (
      driverNumber: number | null,
      teamName: string | null,
      start: number,
      current: number,
    ) =>
      anEvent(
        ChampionshipStandingPredicted,
        {
          sessionKey: 9877,
          championship: driverNumber === null ? 'teams' : 'drivers',
          driverNumber,
          teamName,
          positionStart: start,
          positionCurrent: current,
          pointsStart: 346 - start,
          pointsCurrent: 371 - current,
        },
        { id: `prediction-${driverNumber ?? teamName}` },
      );
    await projectEvents(recorded.clickhouse, [
      predicted(4, null, 2, 1),
      predicted(81, null, 1, 2),
      predicted(null, 'McLaren', 1, 1),
    ]);
    expect(await recorded.rows('championship_drivers', 'session_key=9877')).toEqual([
      {
        driver_number: 4,
        meeting_key: 1272,
        points_current: 370,
        points_start: 344,
        position_current: 1,
        position_start: 2,
        session_key: 9877,
        source: 'championship_prediction',
      },
      {
        driver_number: 81,
        meeting_key: 1272,
        points_current: 369,
        points_start: 345,
        position_current: 2,
        position_start: 1,
        session_key: 9877,
        source: 'championship_prediction',
      },
    ]);
    expect(await recorded.rows('championship_teams', 'source=championship_prediction')).toEqual([
      expect.objectContaining({ session_key: 9877, team_name: 'McLaren', position_current: 1 }),
    ]);
  });
});
