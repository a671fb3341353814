// Plain functions for the two-laps page: a driver's fastest lap, and the distance along the lap
// of every telemetry sample, from the car's positions (no DOM, no charts).

const time = (iso) => Date.parse(iso);

/** The fastest lap that counts (timed, not deleted) of a driver, or undefined. */
export function fastestLap(laps, driver) {
  return laps
    .filter(
      (l) =>
        l.driver_number === driver && typeof l.lap_duration === 'number' && !l.is_deleted && l.date_start,
    )
    .sort((a, b) => a.lap_duration - b.lap_duration)[0];
}

/** The lap's time window, for the `date>=…&date<=…` filters of `/v1/car_data` and `/v1/location`. */
export function lapWindow(lap) {
  const start = time(lap.date_start);
  return { start, end: start + lap.lap_duration * 1000 };
}

/**
 * Metres driven since the first position sample, at each position sample: the straight-line steps
 * between samples summed. The feed's x/y are tenths of a metre.
 */
export function cumulativeDistance(locations) {
  let total = 0;
  return locations.map((point, i) => {
    if (i > 0) {
      const before = locations[i - 1];
      total += Math.hypot(point.x - before.x, point.y - before.y) / 10;
    }
    return { at: time(point.date), distance: total };
  });
}

/** Distance at an instant, linearly between the position samples around it (clamped at the ends). */
export function distanceAt(track, at) {
  if (!track.length) return null;
  if (at <= track[0].at) return track[0].distance;
  for (let i = 1; i < track.length; i++) {
    if (at <= track[i].at) {
      const [a, b] = [track[i - 1], track[i]];
      const share = b.at === a.at ? 0 : (at - a.at) / (b.at - a.at);
      return a.distance + (b.distance - a.distance) * share;
    }
  }
  return track.at(-1).distance;
}

/** Each car sample with its distance along the lap, in metres (rounded to 0.1 m). */
export function withDistance(carData, locations) {
  const track = cumulativeDistance(locations);
  return carData.map((sample) => ({
    ...sample,
    distance: Math.round(distanceAt(track, time(sample.date)) * 10) / 10,
  }));
}

/** The car sample nearest in time to each position sample, to colour the track map. */
export function nearestSample(carData, at) {
  let best;
  for (const sample of carData)
    if (!best || Math.abs(time(sample.date) - at) < Math.abs(time(best.date) - at)) best = sample;
  return best;
}
