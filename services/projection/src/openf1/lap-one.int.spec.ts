import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ClassificationUpdated, SessionInfoRecorded } from '@slipstream/contracts';

import { jolpicaMrDataItems, season2023Events } from '../historical/testing/historical-events';
import { aLapCompleted, anEvent } from '../sessions/projection-fixtures';
import {
  type OpenF1OverRecordings,
  openf1OverRecordings,
  type OpenF1Row as Row,
} from '../testing/openf1-over-recordings';
import { projectEvents } from '../testing/recorded-sessions';

/*
 * No recorded race has official lap times in the repository: the recordings are of 2025 and the
 * only Jolpica lap times are 2023's (Bahrain, round 1). So the race is the real 2023 history
 * (Ergast CSV results, Jolpica's recorded lap times) under a session built for it, whose lap 1 the
 * feed left untimed, as it does; and the recorded Miami 2025 sprint shows lap 1 staying null.
 */
const BAHRAIN_2023 = 7953;

const lap = (driverNumber: number, lapNumber: number, lapTimeMs: number | null) =>
  aLapCompleted({
    sessionKey: BAHRAIN_2023,
    driverNumber,
    lapNumber,
    lapTimeMs,
    startedAt: new Date(Date.parse('2023-03-05T15:03:00Z') + (lapNumber - 1) * 98_000).toISOString(),
    sessionTimeMs: lapNumber * 98_000,
  });

describe('laps: lap 1 from the official lap times (embedded ClickHouse)', () => {
  let recorded: OpenF1OverRecordings;

  beforeAll(async () => {
    recorded = await openf1OverRecordings('lap_one_spec', [
      { source: '2025-miami-gp-sprint', sessionKey: 10028 },
    ]);
    await projectEvents(recorded.clickhouse, [
      ...season2023Events(),
      anEvent(SessionInfoRecorded, {
        sessionKey: BAHRAIN_2023,
        meetingKey: 1141,
        meetingName: 'Bahrain Grand Prix',
        meetingOfficialName: null,
        location: 'Sakhir',
        countryCode: 'BRN',
        countryName: 'Bahrain',
        circuitKey: 63,
        circuitShortName: 'Sakhir',
        sessionType: 'Race',
        sessionName: 'Race',
        scheduledStartUtc: '2023-03-05T15:00:00.000Z',
        scheduledEndUtc: '2023-03-05T17:00:00.000Z',
        gmtOffset: '03:00:00',
        archivePath: null,
      }),
      lap(1, 1, null),
      lap(1, 2, 97_845),
      lap(16, 1, null),
      lap(16, 2, 98_101),
      anEvent(ClassificationUpdated, {
        sessionKey: BAHRAIN_2023,
        phase: 'finalised',
        sessionPart: null,
        entries: [1, 16].map((driverNumber, index) => ({
          position: index + 1,
          driverNumber,
          lapsCompleted: 57,
          bestLapTimeMs: null,
          bestLapNumber: null,
          bestLapTimesByPartMs: [],
          gapToLeader: '',
          intervalToPositionAhead: '',
          numberOfPitStops: 2,
          status: 'running' as const,
        })),
      }),
    ]);
  }, 150_000);

  afterAll(async () => {
    await recorded?.dispose();
  });

  it("fills lap 1, which the feed does not time, from Jolpica's lap times, and marks each lap's source", async () => {
    const laps = await recorded.rows('laps', `session_key=${BAHRAIN_2023}`);
    expect(
      laps.map((r: Row) => [r.driver_number, r.lap_number, r.lap_duration, r.lap_duration_source]),
    ).toEqual([
      [1, 1, 99.019, 'jolpica'],
      [1, 2, 97.845, 'feed'],
      [16, 1, 100.23, 'jolpica'],
      [16, 2, 98.101, 'feed'],
    ]);
    // The same values as the recorded Jolpica response for lap 1.
    const [race] = jolpicaMrDataItems('jolpica-api-json-2023-live/2023@1@laps@1.json') as Array<{
      Laps: Array<{ Timings: Array<{ driverId: string; time: string }> }>;
    }>;
    const timings = new Map(race.Laps[0].Timings.map((t) => [t.driverId, t.time]));
    expect([timings.get('max_verstappen'), timings.get('leclerc')]).toEqual(['1:39.019', '1:40.230']);
    expect(
      await recorded.rows('laps', `session_key=${BAHRAIN_2023}&lap_duration_source=jolpica`),
    ).toHaveLength(2);
  });

  it('leaves lap 1 null where no official lap times are known (the Miami 2025 sprint)', async () => {
    const firstLaps = await recorded.rows('laps', 'session_key=10028&lap_number=1');
    expect(firstLaps.length).toBeGreaterThan(15);
    expect(firstLaps.every((r) => r.lap_duration === null && r.lap_duration_source === null)).toBe(true);
    const timed = await recorded.rows('laps', 'session_key=10028&lap_number=2');
    expect(timed.filter((r) => r.lap_duration !== null).every((r) => r.lap_duration_source === 'feed')).toBe(
      true,
    );
  });

  it("gives the race's total time with the official result: session_result.duration", async () => {
    const result = await recorded.rows('session_result', `session_key=${BAHRAIN_2023}`);
    // Verstappen won in 1:33:56.736; Leclerc, who retired, has no time.
    expect(result.map((r) => [r.driver_number, r.result_status, r.duration, r.number_of_laps])).toEqual([
      [1, 'official', 5636.736, 57],
      [16, 'official', null, 39],
    ]);
  });
});
