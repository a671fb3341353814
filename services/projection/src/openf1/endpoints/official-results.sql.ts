/*
 * The SQL that puts a live-timing session next to its official result. A session knows its key and
 * start time; the historical read models (hist_races, hist_race_results, hist_sprint_results, filled
 * from Ergast CSV and Jolpica) know season, round and car number. A session belongs to the race
 * weekend whose race day is zero to three days later (one day earlier too, as the sources date some
 * night races by the local day): sprint dates are missing from some sources, so the kind (race or
 * sprint) comes from the session itself.
 */

const RESULT_COLUMNS =
  'season, round, car_number, grid, position_order, position_text, laps, time_ms, status, points';

/** The feed's newest classification of each session: the provisional result. */
export const PROVISIONAL = `SELECT session_key, driver_number, position, laps_completed, best_lap_time_ms, best_lap_number,
    best_lap_times_by_part_ms, gap_to_leader, status
  FROM session_classification FINAL
  WHERE (session_key, phase) IN (SELECT session_key, argMax(phase, _version) FROM session_classification FINAL GROUP BY session_key)`;

/**
 * The race weekend (season, round) of each session slipstream has seen, and whether it is a race or a
 * sprint ('' for the other sessions): same season, race day zero to three days after the session.
 */
export const SESSION_WEEKENDS = `SELECT s.session_key AS session_key, w.season AS season, w.round AS round, s.kind AS kind
  FROM (SELECT session_key, toUInt16(toYear(assumeNotNull(date_start))) AS season,
          toDate(assumeNotNull(date_start)) AS day,
          multiIf(session_type = 'Race' AND session_name LIKE 'Sprint%', 'sprint', session_type = 'Race', 'race', '') AS kind
        FROM session_info FINAL WHERE date_start IS NOT NULL) AS s
  INNER JOIN (SELECT season, round, race_date FROM hist_races FINAL) AS w ON w.season = s.season
  WHERE dateDiff('day', s.day, w.race_date) BETWEEN -1 AND 3`;

/** One row per session and car that has an official result; `_has_official` survives a LEFT JOIN as 1. */
export const OFFICIAL = `SELECT s.session_key AS session_key, assumeNotNull(o.car_number) AS driver_number,
    toUInt8(1) AS _has_official, o.position_order AS position_order, o.position_text AS position_text,
    o.laps AS laps, o.time_ms AS time_ms, o.status AS status, o.points AS points, o.grid AS grid
  FROM (${SESSION_WEEKENDS}) AS s
  INNER JOIN (SELECT 'race' AS kind, ${RESULT_COLUMNS} FROM hist_race_results FINAL
      UNION ALL SELECT 'sprint' AS kind, ${RESULT_COLUMNS} FROM hist_sprint_results FINAL) AS o
    ON o.season = s.season AND o.round = s.round AND o.kind = s.kind
  WHERE o.car_number IS NOT NULL`;

/**
 * Provisional and official side by side, one row per car the feed classified. `result_status`
 * is per session: once any official row exists, the session's result is the official one.
 */
export const SESSION_RESULT = `SELECT *,
    if(max(_has_official) OVER (PARTITION BY session_key) = 1, 'official', 'provisional') AS result_status,
    if(result_status = 'official', official_position, provisional_position) AS position,
    if(official_position IS NULL OR provisional_position IS NULL, NULL,
       toInt16(provisional_position) - toInt16(official_position)) AS places_gained,
    min(_time_ms) OVER (PARTITION BY session_key) AS _winner_time_ms,
    max(number_of_laps) OVER (PARTITION BY session_key) AS _leader_laps,
    -- Qualifying: the fastest time of each part, for each car's gap to it (4294967295: nobody set one).
    arrayMap(i -> arrayMin(arrayMap(bests -> ifNull(bests[i], 4294967295),
        groupArray(_part_bests_ms) OVER (PARTITION BY session_key))),
      range(1, length(_part_bests_ms) + 1)) AS _part_leaders_ms
  FROM (
    SELECT p.session_key AS session_key, p.driver_number AS driver_number, o._has_official AS _has_official,
      p.position AS provisional_position, if(o._has_official = 1, o.position_order, NULL) AS official_position,
      if(o._has_official = 1, o.laps, p.laps_completed) AS number_of_laps,
      toBool(if(o._has_official = 1, o.position_text = 'R', p.status IN ('retired', 'stopped'))) AS dnf,
      toBool(o._has_official = 1 AND (o.position_text = 'W' OR o.status ILIKE 'did not start')) AS dns,
      toBool(o._has_official = 1 AND o.position_text IN ('D', 'E')) AS dsq,
      if(o._has_official = 1, o.status, p.status) AS status,
      if(o._has_official = 1, o.points, NULL) AS points,
      if(o._has_official = 1, o.time_ms, NULL) AS _time_ms,
      p.best_lap_time_ms / 1000 AS best_lap_duration, p.best_lap_number AS best_lap_number,
      p.best_lap_times_by_part_ms AS _part_bests_ms, p.gap_to_leader AS _gap_text
    FROM (${PROVISIONAL}) AS p
    LEFT JOIN (${OFFICIAL}) AS o ON p.session_key = o.session_key AND p.driver_number = o.driver_number
  )`;

/**
 * The grid: the official one when the sources have it, else the feed's (TimingAppData's `GridPos`),
 * else where each car first stood in the feed's running order of a race or sprint.
 */
const GRID = `SELECT driver_number, grid AS position, session_key
  FROM (${OFFICIAL}) WHERE grid IS NOT NULL AND grid > 0
  UNION ALL
  SELECT driver_number, toNullable(position) AS position, session_key FROM session_grid FINAL
  WHERE session_key NOT IN (SELECT session_key FROM (${OFFICIAL}))
  UNION ALL
  SELECT driver_number, toNullable(toUInt8(argMin(position, (date, event_id)))) AS position, session_key
  FROM session_positions FINAL
  WHERE session_key IN (SELECT session_key FROM session_info FINAL WHERE session_type = 'Race')
    AND session_key NOT IN (SELECT session_key FROM (${OFFICIAL}))
    AND session_key NOT IN (SELECT session_key FROM session_grid)
  GROUP BY session_key, driver_number`;

/**
 * OpenF1's `lap_duration` on the grid is the car's qualifying lap: its best lap in the qualifying
 * session of the same meeting (Sprint Qualifying / Sprint Shootout for a sprint), when slipstream
 * has that session.
 */
const QUALIFYING_LAPS = `SELECT r.session_key AS session_key, c.driver_number AS driver_number,
    c.best_lap_time_ms / 1000 AS lap_duration
  FROM (SELECT session_key, meeting_key, session_name LIKE 'Sprint%' AS sprint
        FROM session_info FINAL WHERE session_type = 'Race') AS r
  INNER JOIN (SELECT session_key AS qualifying_key, meeting_key, session_name LIKE 'Sprint%' AS sprint
        FROM session_info FINAL WHERE session_type = 'Qualifying') AS q
    ON q.meeting_key = r.meeting_key AND q.sprint = r.sprint
  INNER JOIN (${PROVISIONAL}) AS c ON c.session_key = q.qualifying_key
  WHERE c.best_lap_time_ms IS NOT NULL`;

export const STARTING_GRID = `SELECT g.driver_number AS driver_number, q.lap_duration AS lap_duration,
    g.position AS position, g.session_key AS session_key
  FROM (${GRID}) AS g
  LEFT JOIN (${QUALIFYING_LAPS}) AS q ON g.session_key = q.session_key AND g.driver_number = q.driver_number`;

/**
 * Lap 1 of each car in a race, from the official lap times (Ergast / Jolpica `hist_lap_times`): the
 * feed gives no time for the standing-start lap. `time_ms` and `source` are nullable so that a
 * LEFT JOIN leaves them null where there is none.
 */
export const OFFICIAL_LAP_ONE = `SELECT w.session_key AS session_key, c.car_number AS driver_number,
    toUInt16(1) AS lap_number, toNullable(l.time_ms) AS time_ms, toNullable(toString(l.source)) AS source
  FROM (SELECT session_key, season, round FROM (${SESSION_WEEKENDS}) WHERE kind = 'race') AS w
  INNER JOIN (SELECT season, round, driver_ref, time_ms, source FROM hist_lap_times FINAL WHERE lap = 1) AS l
    ON l.season = w.season AND l.round = w.round
  INNER JOIN (SELECT season, round, driver_ref, assumeNotNull(car_number) AS car_number FROM hist_race_results FINAL
      WHERE car_number IS NOT NULL) AS c
    ON c.season = l.season AND c.round = l.round AND c.driver_ref = l.driver_ref`;
