import {
  JolpicaFixtureServer,
  type RecordedRequest,
} from '../../services/ingestion/src/jolpica/testing/jolpica-fixture-server';

/*
 * A local Jolpica for the backfill end to end: the recorded 2023 responses of
 * libs/historical/fixtures, served by JolpicaFixtureServer with Jolpica's pagination (`limit`,
 * `offset`, `total` over the innermost entries, so pages end in the middle of a race), faults
 * injected on demand, and the arrival time of every request recorded.
 *
 * Only complete recorded lists are served as such; the fixtures hold, for 2023: the schedule,
 * seasons, circuits, drivers, constructors and statuses; race results of rounds 1, 5 and 9;
 * qualifying of rounds 4 and 13; the sprint of round 4; driver standings after rounds 4, 5 and 22;
 * constructor standings after rounds 1, 13 and 22. Two lists were recorded in part only and are
 * served as what exists: lap times of round 1 (the first 100 timings of 1,055: laps 1-5) and pit
 * stops of round 18 (the first 30 of 36). Everything else answers as Jolpica does for a query with
 * no data: 200 with an empty list (see the recorded `2023@99@*.json`).
 */

const live = (name: string) => `jolpica-api-json-2023-live/${name}`;
const ergast = (name: string) => `jolpica-ergast-json-2023/${name}`;

/** Path (after `/ergast/f1`) → the recorded responses whose lists it serves, concatenated. */
export const SERVED_2023: Record<string, string[]> = {
  // Jolpica's global lists span every season; only their 2023 editions were recorded.
  '/seasons.json': [ergast('seasons/2023@seasons.json')],
  '/circuits.json': [ergast('circuits/2023@circuits.json')],
  '/drivers.json': [live('2023@drivers.json')],
  '/constructors.json': [ergast('constructors/2023@constructors.json')],
  '/status.json': [ergast('status/2023@status.json')],
  '/2023/races.json': [live('2023.json')],
  '/2023/results.json': [
    live('2023@1@results.json'),
    live('2023@5@results.json'),
    ergast('results/2023@9@results.json'),
  ],
  '/2023/qualifying.json': [live('2023@4@qualifying.json'), ergast('qualifying/2023@13@qualifying.json')],
  '/2023/sprint.json': [live('2023@4@sprint.json')],
  '/2023/4/driverstandings.json': [ergast('driverstandings/2023@4@driverStandings.json')],
  '/2023/5/driverstandings.json': [ergast('driverstandings/2023@5@driverstandings.json')],
  '/2023/22/driverstandings.json': [ergast('driverstandings/2023@22@driverstandings.json')],
  '/2023/1/constructorstandings.json': [ergast('constructorstandings/2023@1@constructorStandings.json')],
  '/2023/13/constructorstandings.json': [ergast('constructorstandings/2023@13@constructorstandings.json')],
  '/2023/22/constructorstandings.json': [ergast('constructorstandings/2023@22@constructorstandings.json')],
  '/2023/1/laps.json': [live('2023@1@laps.json^limit=1200')],
  '/2023/18/pitstops.json': [ergast('pitstops/2023@18@pitstops.json')],
};

/** The rounds whose facts the server holds, per CSV table: what a CSV import must hold to compare. */
export const SERVED_2023_ROUNDS = {
  results: [1, 5, 9],
  qualifying: [4, 13],
  sprint_results: [4],
  driver_standings: [4, 5, 22],
  constructor_standings: [1, 13, 22],
  pit_stops: [18],
} as const;

/**
 * The local Jolpica of the backfill end to end, in real time. `maxPageSize`: Jolpica caps `limit`
 * at 100; a smaller cap spreads the small recorded lists over pages.
 */
export function createLocalJolpica(maxPageSize = 100): JolpicaFixtureServer {
  return new JolpicaFixtureServer({
    routes: SERVED_2023,
    maxPageSize,
    emptyWhereUnrouted: true,
    faultBody: (status) => (status === 429 ? 'Too Many Requests' : 'Internal Server Error'),
  });
}

/** The most requests that arrived within any window of `windowMs` (sliding, at each arrival). */
export function mostRequestsWithin(requests: readonly RecordedRequest[], windowMs: number): number {
  const times = requests.map((request) => request.at).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
