import { type OpenF1Endpoint, seconds, withMeetingKey } from '../endpoint';
import { gapValue } from './gap-values';
import { STINT_LAPS } from './stint-laps.sql';

/** A lap is deleted when race control named it, or (when it named no lap) its lap time. */
const IS_DELETED = `((session_key, driver_number, lap_number) IN (
    SELECT session_key, driver_number, assumeNotNull(lap_number) FROM session_lap_deletions FINAL WHERE lap_number IS NOT NULL)
  OR (session_key, driver_number, ifNull(lap_time_ms, 0)) IN (
    SELECT session_key, driver_number, assumeNotNull(lap_time_ms) FROM session_lap_deletions FINAL
    WHERE lap_number IS NULL AND lap_time_ms IS NOT NULL))`;

export const lapsEndpoint: OpenF1Endpoint = {
  name: 'laps',
  summary: 'Completed laps: lap and sector times (seconds), speed traps, pit out laps',
  attributes: {
    date_start: 'date',
    driver_number: 'int',
    duration_sector_1: 'float',
    duration_sector_2: 'float',
    duration_sector_3: 'float',
    i1_speed: 'int',
    i2_speed: 'int',
    is_pit_out_lap: 'bool',
    lap_duration: 'float',
    lap_number: 'int',
    meeting_key: 'int',
    segments_sector_1: 'int',
    segments_sector_2: 'int',
    segments_sector_3: 'int',
    session_key: 'int',
    st_speed: 'int',
    is_pit_in_lap: 'bool',
    is_deleted: 'bool',
    session_part: 'int',
  },
  arrays: ['segments_sector_1', 'segments_sector_2', 'segments_sector_3'],
  source: withMeetingKey(`SELECT date_start, driver_number, ${seconds('sector_1_ms')} AS duration_sector_1,
      ${seconds('sector_2_ms')} AS duration_sector_2, ${seconds('sector_3_ms')} AS duration_sector_3, i1_speed, i2_speed,
      is_pit_out_lap, ${seconds('lap_time_ms')} AS lap_duration, lap_number,
      segments_sector_1, segments_sector_2, segments_sector_3, session_key, st_speed, is_pit_in_lap,
      toBool(${IS_DELETED}) AS is_deleted, session_part
    FROM session_laps FINAL`),
  orderBy: 'session_key, driver_number, lap_number',
};

export const positionEndpoint: OpenF1Endpoint = {
  name: 'position',
  summary: 'Position changes of each car during the session',
  attributes: { date: 'date', driver_number: 'int', meeting_key: 'int', position: 'int', session_key: 'int' },
  requiredFilters: ['session_key'],
  source: withMeetingKey(`SELECT date, driver_number, position, session_key FROM session_positions FINAL`),
  orderBy: 'session_key, date, driver_number',
};

export const intervalsEndpoint: OpenF1Endpoint = {
  name: 'intervals',
  summary: 'Gap to the leader and interval to the car ahead (seconds, or "+N LAP"), on every change',
  attributes: {
    date: 'date',
    driver_number: 'int',
    gap_to_leader: 'float',
    interval: 'float',
    meeting_key: 'int',
    session_key: 'int',
    session_part: 'int',
  },
  requiredFilters: ['session_key'],
  source: withMeetingKey(`SELECT date, driver_number, ${seconds('gap_to_leader_ms')} AS gap_to_leader,
      ${seconds('interval_ms')} AS interval, session_key, session_part,
      gap_to_leader_text AS _gap_text, gap_to_leader_laps AS _gap_laps,
      interval_text AS _interval_text, interval_laps AS _interval_laps
    FROM session_intervals FINAL`),
  orderBy: 'session_key, date, driver_number',
  present: (row) => ({
    ...row,
    gap_to_leader: gapValue(row.gap_to_leader, row._gap_laps, row._gap_text),
    interval: gapValue(row.interval, row._interval_laps, row._interval_text),
  }),
};

export const pitEndpoint: OpenF1Endpoint = {
  name: 'pit',
  summary: 'Pit lane visits: entry time, lap, time from pit entry to pit exit (seconds)',
  attributes: {
    date: 'date',
    driver_number: 'int',
    lane_duration: 'float',
    lap_number: 'int',
    meeting_key: 'int',
    pit_duration: 'float',
    session_key: 'int',
    stop_duration: 'float',
  },
  unavailable: ['stop_duration'],
  source:
    withMeetingKey(`SELECT pit_in_at AS date, driver_number, ${seconds('lane_duration_ms')} AS lane_duration,
      lap_number, ${seconds('lane_duration_ms')} AS pit_duration, session_key,
      CAST(NULL, 'Nullable(Float64)') AS stop_duration
    FROM session_pit_stops FINAL`),
  orderBy: 'session_key, date, driver_number',
};

export const stintsEndpoint: OpenF1Endpoint = {
  name: 'stints',
  summary:
    'Tyre stints: compound, first and last lap driven on the set (contiguous from lap 1; a stint ends on ' +
    'the lap the car pitted), tyre age at the start',
  attributes: {
    compound: 'string',
    driver_number: 'int',
    lap_end: 'int',
    lap_start: 'int',
    meeting_key: 'int',
    session_key: 'int',
    stint_number: 'int',
    tyre_age_at_start: 'int',
  },
  source: withMeetingKey(STINT_LAPS),
  orderBy: 'session_key, driver_number, stint_number',
};
