/*
 * Overtakes from the running order (the feed's DriverRaceInfo, which OpenF1 reads, is in none of
 * the recordings slipstream has; see docs/openf1-compatibility.md). In one timing update a car
 * moves up from `previous_position` to `position`; every car that moved down one place from
 * within that span in the same update was passed, at its old place. Not overtakes: position
 * changes before the start or after the chequered flag, changes while either car is in the pit
 * lane (pit entry to one second after pit exit: a stop, not a pass), and places lost by a car
 * that stopped for good (after the last lap it completed, when it ended retired or stopped).
 */

/** A car's place changes; two at the same instant (a flicker between updates) tell no order, so neither counts. */
const CHANGES = `SELECT session_key, driver_number, date, new_place AS position, old_place AS previous_position
  FROM (SELECT session_key, driver_number, date, any(position) AS new_place,
          assumeNotNull(any(previous_position)) AS old_place
        FROM session_positions FINAL
        WHERE previous_position IS NOT NULL
          AND session_key IN (SELECT session_key FROM session_info FINAL WHERE session_type = 'Race')
        GROUP BY session_key, driver_number, date
        HAVING count() = 1)`;

const RACE_WINDOW = `SELECT session_key, minIf(date, status = 'Started') AS started_at,
    minIf(date, status = 'Finished') AS finished_at, countIf(status = 'Finished') > 0 AS has_finished
  FROM session_status_changes FINAL GROUP BY session_key`;

const PIT_LANE = `SELECT session_key, driver_number, pit_in_at, pit_out_at + INTERVAL 1 SECOND AS pit_out_at
  FROM session_pit_stops FINAL`;

/** Cars that stopped for good, and when they completed their last lap. */
const STOPPED = `SELECT c.session_key AS session_key, c.driver_number AS driver_number,
    ifNull(l.last_lap_at, toDateTime64(0, 3, 'UTC')) AS last_lap_at
  FROM (SELECT session_key, driver_number FROM session_classification FINAL
        WHERE (session_key, phase) IN (SELECT session_key, argMax(phase, _version) FROM session_classification FINAL GROUP BY session_key)
          AND status IN ('retired', 'stopped')) AS c
  LEFT JOIN (SELECT session_key, driver_number, max(date_end) AS last_lap_at FROM session_laps FINAL
             GROUP BY session_key, driver_number) AS l
    ON c.session_key = l.session_key AND c.driver_number = l.driver_number`;

export const OVERTAKES = `SELECT a.session_key AS session_key, a.date AS date,
    a.driver_number AS overtaking_driver_number, b.driver_number AS overtaken_driver_number,
    toUInt8(b.previous_position) AS position
  FROM (${CHANGES}) AS a
  INNER JOIN (${CHANGES}) AS b ON a.session_key = b.session_key AND a.date = b.date
  INNER JOIN (${RACE_WINDOW}) AS w ON a.session_key = w.session_key
  WHERE a.position < a.previous_position
    AND b.position = b.previous_position + 1
    AND b.previous_position >= a.position AND b.previous_position < a.previous_position
    AND a.date >= w.started_at AND (NOT w.has_finished OR a.date <= w.finished_at)
    AND (a.session_key, a.driver_number, a.date) NOT IN (
      SELECT c.session_key, c.driver_number, c.date FROM (${CHANGES}) AS c
      INNER JOIN (${PIT_LANE}) AS p ON c.session_key = p.session_key AND c.driver_number = p.driver_number
      WHERE c.date BETWEEN p.pit_in_at AND p.pit_out_at)
    AND (b.session_key, b.driver_number, b.date) NOT IN (
      SELECT c.session_key, c.driver_number, c.date FROM (${CHANGES}) AS c
      INNER JOIN (${PIT_LANE}) AS p ON c.session_key = p.session_key AND c.driver_number = p.driver_number
      WHERE c.date BETWEEN p.pit_in_at AND p.pit_out_at)
    AND (b.session_key, b.driver_number, b.date) NOT IN (
      SELECT c.session_key, c.driver_number, c.date FROM (${CHANGES}) AS c
      INNER JOIN (${STOPPED}) AS s ON c.session_key = s.session_key AND c.driver_number = s.driver_number
      WHERE c.date > s.last_lap_at)`;
