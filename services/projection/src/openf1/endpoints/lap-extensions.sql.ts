/*
 * FastF1's per-lap fields, as documented extension attributes of /v1/laps: the tyre (compound,
 * stint, tyre life, fresh or not) from the stint the lap belongs to; whether it was the driver's
 * personal best when set; the track status codes in force during the lap, in order (FastF1's
 * `TrackStatus`: '1' clear, '2' yellow, '4' safety car, '5' red, '6'/'7' virtual safety car);
 * and why race control deleted it.
 */

/** Track status codes in force during each lap: the one at its start, then each change until its end. */
export const LAP_TRACK_STATUS = `SELECT session_key, driver_number, lap_number,
    arrayStringConcat(arrayFilter((code, i) -> i = 1 OR code != codes[i - 1], codes, arrayEnumerate(codes)), '')
      AS track_status
  FROM (SELECT l.session_key AS session_key, l.driver_number AS driver_number, l.lap_number AS lap_number,
          arrayMap(change -> change.2, arraySort(groupArray((t.date, t.code)))) AS codes
        FROM (SELECT session_key, driver_number, lap_number, date_end,
                ifNull(date_start, date_end - INTERVAL 1 MINUTE) AS lap_start FROM session_laps FINAL) AS l
        INNER JOIN (SELECT session_key, date, code,
                leadInFrame(date, 1, toDateTime64('2100-01-01 00:00:00', 3, 'UTC')) OVER (PARTITION BY session_key
                  ORDER BY date ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS until
              FROM session_track_status FINAL) AS t ON l.session_key = t.session_key
        WHERE t.date <= l.date_end AND t.until > l.lap_start
        GROUP BY l.session_key, l.driver_number, l.lap_number)`;

/** Race control's reason, by the lap it named or else by the lap time it named. */
export const LAP_DELETION_REASONS = `SELECT session_key, driver_number, lap_number, any(reason) AS deleted_reason
  FROM (SELECT l.session_key AS session_key, l.driver_number AS driver_number, l.lap_number AS lap_number,
          d.reason AS reason
        FROM (SELECT session_key, driver_number, lap_number, lap_time_ms FROM session_laps FINAL) AS l
        INNER JOIN (SELECT * FROM session_lap_deletions FINAL) AS d
          ON l.session_key = d.session_key AND l.driver_number = d.driver_number
        WHERE (d.lap_number IS NOT NULL AND d.lap_number = l.lap_number)
           OR (d.lap_number IS NULL AND d.lap_time_ms IS NOT NULL AND d.lap_time_ms = l.lap_time_ms))
  GROUP BY session_key, driver_number, lap_number`;
