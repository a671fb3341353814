import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PitStopTimed } from '@slipstream/contracts';

import { anEvent } from '../sessions/projection-fixtures';
import {
  type OpenF1OverRecordings,
  openf1OverRecordings,
  type OpenF1Row as Row,
} from '../testing/openf1-over-recordings';
import { projectEvents } from '../testing/recorded-sessions';

/*
 * No recording carries PitStopSeries (F1 sends it to subscribers only): the recorded Miami sprint's
 * real pit stops, plus one stationary time built from PitStopSeries' published format for one of them.
 */
describe('pit.stop_duration, from PitStopSeries where the feed timed the stop (embedded ClickHouse)', () => {
  let recorded: OpenF1OverRecordings;
  let stops: Row[];

  beforeAll(async () => {
    recorded = await openf1OverRecordings('pit_stop_duration_spec', [
      { source: '2025-miami-gp-sprint', sessionKey: 10028 },
    ]);
    stops = await recorded.rows('pit', 'session_key=10028');
  }, 150_000);

  afterAll(async () => {
    await recorded?.dispose();
  });

  it('is null for every stop of a recording without PitStopSeries', () => {
    expect(stops.length).toBeGreaterThan(10);
    expect(stops.every((stop) => stop.stop_duration === null)).toBe(true);
  });

  it('shows the stationary time on the stop of the same car and lap, leaving the lane time as it was', async () => {
    const [timed] = stops;
    await projectEvents(recorded.clickhouse, [
      anEvent(PitStopTimed, {
        sessionKey: 10028,
        driverNumber: timed.driver_number as number,
        lapNumber: timed.lap_number as number,
        timedAt: String(timed.date).replace('+00:00', 'Z'),
        stopDurationMs: 2430,
        laneDurationMs: 21950,
      }),
    ]);
    const after = await recorded.rows('pit', 'session_key=10028');
    expect(after).toHaveLength(stops.length);
    expect(after.filter((stop) => stop.stop_duration !== null)).toEqual([{ ...timed, stop_duration: 2.43 }]);
    expect(await recorded.rows('pit', 'session_key=10028&stop_duration<3')).toEqual([
      { ...timed, stop_duration: 2.43 },
    ]);
  });

  it('lists a stop PitStopSeries timed that TimingData did not see, as in a session recorded without TimingData', async () => {
    await projectEvents(recorded.clickhouse, [
      anEvent(PitStopTimed, {
        sessionKey: 10028,
        driverNumber: 55,
        lapNumber: 17,
        timedAt: '2025-05-03T17:05:00.000Z',
        stopDurationMs: 2710,
        laneDurationMs: 22400,
      }),
    ]);
    expect(await recorded.rows('pit', 'session_key=10028&driver_number=55&lap_number=17')).toEqual([
      {
        date: '2025-05-03T17:05:00.000000+00:00',
        driver_number: 55,
        lane_duration: 22.4,
        lap_number: 17,
        meeting_key: 1259,
        pit_duration: 22.4,
        session_key: 10028,
        stop_duration: 2.71,
      },
    ]);
  });
});
