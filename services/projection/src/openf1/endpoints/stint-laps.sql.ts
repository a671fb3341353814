/*
 * Stints as OpenF1 means them: `lap_start` the first lap driven on the set, `lap_end` the last,
 * contiguous from lap 1. The first stint starts at lap 1. A later one starts where normalization
 * anchored it on the lap counter (the lap after the car's pit entry, with TimingData), else
 * after the laps the earlier stints were driven for by TimingAppData's own counts (TotalLaps −
 * StartLaps: a race recorded without TimingData). A stint ends the lap before the next one
 * starts (the in-lap, /v1/pit's lap_number); the last one at the laps driven on it, or at the
 * car's last completed lap when TimingData has more (the count can miss the final crossing).
 */

/** Laps driven on each set by the feed's count, and the first lap of each stint. */
const STINT_STARTS = `SELECT *,
    toInt32(if(stint_number = 1, 1, ifNull(toInt32(lap_start), 1 + toInt32(ifNull(sum(_laps_on_set) OVER (
      PARTITION BY session_key, driver_number ORDER BY stint_number
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))))) AS _start
  FROM (SELECT session_key, driver_number, stint_number, compound, tyre_age_at_start, lap_start,
      greatest(toInt32(ifNull(tyre_age_laps, 0)) - toInt32(ifNull(tyre_age_at_start, 0)), 0) AS _laps_on_set
    FROM session_stints FINAL)`;

const WITH_NEXT_START = `SELECT *, leadInFrame(_start, 1, 0) OVER (PARTITION BY session_key, driver_number
    ORDER BY stint_number ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS _next_start
  FROM (${STINT_STARTS})`;

export const STINT_LAPS = `SELECT st.compound AS compound, st.driver_number AS driver_number,
    toUInt16(if(st._next_start > 0, greatest(st._next_start - 1, st._start),
      greatest(st._start + st._laps_on_set - 1, toInt32(ifNull(l.last_lap, 0)), st._start))) AS lap_end,
    toUInt16(st._start) AS lap_start, st.session_key AS session_key, st.stint_number AS stint_number,
    st.tyre_age_at_start AS tyre_age_at_start
  FROM (${WITH_NEXT_START}) AS st
  LEFT JOIN (SELECT session_key, driver_number, max(lap_number) AS last_lap FROM session_laps FINAL
      GROUP BY session_key, driver_number) AS l
    ON st.session_key = l.session_key AND st.driver_number = l.driver_number`;
