import { type OpenF1Endpoint, seconds, withMeetingKey } from '../endpoint';
import { gapValue } from './gap-values';
import { LAP_DELETION_REASONS, LAP_TRACK_STATUS } from './lap-extensions.sql';
import { OFFICIAL_LAP_ONE } from './official-results.sql';
import { STINT_LAPS } from './stint-laps.sql';

/** A lap is deleted when race control named it, or (when it named no lap) its lap time. */
const IS_DELETED = `((session_key, driver_number, lap_number) IN (
    SELECT session_key, driver_number, assumeNotNull(lap_number) FROM session_lap_deletions FINAL WHERE lap_number IS NOT NULL)
  OR (session_key, driver_number, ifNull(lap_time_ms, 0)) IN (
    SELECT session_key, driver_number, assumeNotNull(lap_time_ms) FROM session_lap_deletions FINAL
    WHERE lap_number IS NULL AND lap_time_ms IS NOT NULL))`;

/** The laps as the feed gave them, before FastF1's extension fields are joined on. */
const LAPS = `SELECT date_start, driver_number, ${seconds('sector_1_ms')} AS duration_sector_1,
    ${seconds('sector_2_ms')} AS duration_sector_2, ${seconds('sector_3_ms')} AS duration_sector_3, i1_speed, i2_speed,
    is_pit_out_lap, ${seconds('lap_time_ms')} AS lap_duration, lap_number,
    segments_sector_1, segments_sector_2, segments_sector_3, session_key, st_speed, is_pit_in_lap,
    toBool(${IS_DELETED}) AS is_deleted, session_part, is_personal_best
  FROM session_laps FINAL`;

const LAP_COLUMNS = [
  'date_start',
  'driver_number',
  'duration_sector_1',
  'duration_sector_2',
  'duration_sector_3',
  'i1_speed',
  'i2_speed',
  'is_pit_out_lap',
  'lap_duration',
  'lap_number',
  'segments_sector_1',
  'segments_sector_2',
  'segments_sector_3',
  'session_key',
  'st_speed',
  'is_pit_in_lap',
  'is_deleted',
  'session_part',
  'is_personal_best',
];

export const lapsEndpoint: OpenF1Endpoint = {
  name: 'laps',
  summary:
    "Completed laps: lap and sector times (seconds), speed traps, mini-sectors, pit laps; and FastF1's " +
    'per-lap fields (compound, tyre_life, fresh_tyre, stint, is_personal_best, track_status, deleted_reason); ' +
    'lap 1, which the feed does not time, from the official lap times (lap_duration_source)',
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
    compound: 'string',
    tyre_life: 'int',
    fresh_tyre: 'bool',
    stint: 'int',
    is_personal_best: 'bool',
    track_status: 'string',
    deleted_reason: 'string',
    lap_duration_source: 'string',
  },
  arrays: ['segments_sector_1', 'segments_sector_2', 'segments_sector_3'],
  // The stint a lap belongs to is the last one starting at or before it (ASOF).
  // Lap 1 has no time in the feed; the official lap times fill it, marked by lap_duration_source.
  source: withMeetingKey(`SELECT ${LAP_COLUMNS.map((column) =>
    column === 'lap_duration'
      ? 'if(b.lap_duration IS NULL, o.time_ms / 1000, b.lap_duration) AS lap_duration'
      : `b.${column} AS ${column}`,
  ).join(', ')},
      multiIf(b.lap_duration IS NOT NULL, 'feed', o.time_ms IS NOT NULL, o.source, NULL) AS lap_duration_source,
      st.compound AS compound,
      if(st.stint_number = 0, NULL, toNullable(toInt32(ifNull(st.tyre_age_at_start, 0)) + toInt32(b.lap_number) - toInt32(st.lap_start) + 1)) AS tyre_life,
      if(st.stint_number = 0, NULL, st._is_new) AS fresh_tyre, nullIf(st.stint_number, 0) AS stint,
      nullIf(ts.track_status, '') AS track_status, nullIf(d.deleted_reason, '') AS deleted_reason
    FROM (${LAPS}) AS b
    ASOF LEFT JOIN (SELECT s.*, n.is_new AS _is_new FROM (${STINT_LAPS}) AS s
        LEFT JOIN (SELECT session_key, driver_number, stint_number, is_new FROM session_stints FINAL) AS n
          ON s.session_key = n.session_key AND s.driver_number = n.driver_number AND s.stint_number = n.stint_number) AS st
      ON b.session_key = st.session_key AND b.driver_number = st.driver_number AND b.lap_number >= st.lap_start
    LEFT JOIN (${LAP_TRACK_STATUS}) AS ts
      ON b.session_key = ts.session_key AND b.driver_number = ts.driver_number AND b.lap_number = ts.lap_number
    LEFT JOIN (${LAP_DELETION_REASONS}) AS d
      ON b.session_key = d.session_key AND b.driver_number = d.driver_number AND b.lap_number = d.lap_number
    LEFT JOIN (${OFFICIAL_LAP_ONE}) AS o
      ON b.session_key = o.session_key AND b.driver_number = o.driver_number AND b.lap_number = o.lap_number`),
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
  summary:
    'Pit lane visits: entry time, lap, time from pit entry to pit exit (seconds), and the stationary time ' +
    'where the feed timed it (PitStopSeries)',
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
  // PitStopSeries times the stop on the lap the car came in, as session_pit_stops counts it; a stop
  // it timed that TimingData did not see (a session without TimingData) is a row of its own.
  source: withMeetingKey(`SELECT p.pit_in_at AS date, p.driver_number AS driver_number,
      ${seconds('p.lane_duration_ms')} AS lane_duration, p.lap_number AS lap_number,
      ${seconds('p.lane_duration_ms')} AS pit_duration, p.session_key AS session_key,
      ${seconds('t.stop_duration_ms')} AS stop_duration
    FROM session_pit_stops AS p FINAL
    LEFT JOIN (SELECT session_key, driver_number, lap_number, stop_duration_ms FROM session_pit_stop_times FINAL) AS t
      ON p.session_key = t.session_key AND p.driver_number = t.driver_number AND p.lap_number = t.lap_number
    UNION ALL
    SELECT date, driver_number, ${seconds('lane_duration_ms')} AS lane_duration, lap_number,
      ${seconds('lane_duration_ms')} AS pit_duration, session_key, ${seconds('stop_duration_ms')} AS stop_duration
    FROM session_pit_stop_times FINAL
    WHERE (session_key, driver_number, lap_number) NOT IN (
      SELECT session_key, driver_number, lap_number FROM session_pit_stops FINAL)`),
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
