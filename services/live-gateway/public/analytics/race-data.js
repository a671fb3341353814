// Plain functions from the OpenF1-style rows to what the race charts plot: no DOM, no charts.
import { fiveNumbers, groupBy } from './stats.js';

const time = (iso) => Date.parse(iso);

/** When each lap ended: its start plus its duration (laps without both are left out). */
export function lapEnds(laps) {
  return laps
    .filter((lap) => lap.date_start && typeof lap.lap_duration === 'number')
    .map((lap) => ({
      driver: lap.driver_number,
      lap: lap.lap_number,
      end: time(lap.date_start) + lap.lap_duration * 1000,
    }));
}

/**
 * The value of `field` in effect for each driver as each lap ended: the latest change (position,
 * gap) at or before the end of the lap. Changes are one row per change, as `/v1/position` and
 * `/v1/intervals` give them. Only numbers are kept (a gap of "+1 LAP" is not a number of seconds).
 */
export function valueAtLapEnd(laps, changes, field) {
  const byDriver = groupBy(
    changes.filter((row) => typeof row[field] === 'number').sort((a, b) => time(a.date) - time(b.date)),
    (row) => row.driver_number,
  );
  const result = new Map();
  for (const { driver, lap, end } of lapEnds(laps).sort((a, b) => a.lap - b.lap)) {
    const rows = byDriver.get(driver) ?? [];
    let value = null;
    for (const row of rows) {
      if (time(row.date) > end) break;
      value = row[field];
    }
    if (value === null) continue;
    if (!result.has(driver)) result.set(driver, []);
    result.get(driver).push([lap, value]);
  }
  return result;
}

/** The stint a lap was driven in, to mark compounds on the lap-time chart. */
export function stintOfLap(stints, driver, lap) {
  return stints.find(
    (s) => s.driver_number === driver && s.lap_start <= lap && (s.lap_end === null || lap <= s.lap_end),
  );
}

/**
 * Race pace per stint: lap times without the laps a pit stop, a deleted time or the start distort
 * (pit in, pit out, lap 1), as a five-number summary per driver and stint.
 */
export function paceByStint(laps, stints) {
  const boxes = [];
  for (const stint of stints) {
    const times = laps
      .filter(
        (lap) =>
          lap.driver_number === stint.driver_number &&
          lap.lap_number >= stint.lap_start &&
          (stint.lap_end === null || lap.lap_number <= stint.lap_end) &&
          lap.lap_number > 1 &&
          !lap.is_pit_in_lap &&
          !lap.is_pit_out_lap &&
          !lap.is_deleted &&
          typeof lap.lap_duration === 'number',
      )
      .map((lap) => lap.lap_duration);
    if (times.length >= 2)
      boxes.push({
        driver: stint.driver_number,
        stint: stint.stint_number,
        compound: stint.compound,
        laps: times.length,
        box: fiveNumbers(times),
      });
  }
  return boxes;
}
