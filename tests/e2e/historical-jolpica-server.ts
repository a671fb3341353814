import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';

import { HISTORICAL_FIXTURES_DIR } from '../../libs/historical/src/testing/historical-fixtures';
import { entriesOf, pageItems } from '../../services/ingestion/src/jolpica/testing/jolpicaPagination';

/*
 * A local Jolpica for the backfill end to end: the recorded 2023 responses of
 * libs/historical/fixtures, served with Jolpica's pagination (`limit`, `offset`, `total` over the
 * innermost entries, so pages end in the middle of a race), faults injected on demand, and the
 * arrival time of every request recorded.
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

/** The empty answer of each resource, by the list it would hold. */
const EMPTY_TABLES: Array<[RegExp, string, string]> = [
  [/\/(laps|pitstops|results|qualifying|sprint|races)\.json$/, 'RaceTable', 'Races'],
  [/\/driverstandings\.json$/, 'StandingsTable', 'StandingsLists'],
  [/\/constructorstandings\.json$/, 'StandingsTable', 'StandingsLists'],
  [/\/seasons\.json$/, 'SeasonTable', 'Seasons'],
  [/\/circuits\.json$/, 'CircuitTable', 'Circuits'],
  [/\/drivers\.json$/, 'DriverTable', 'Drivers'],
  [/\/constructors\.json$/, 'ConstructorTable', 'Constructors'],
  [/\/status\.json$/, 'StatusTable', 'Status'],
];

export interface ServedRequest {
  path: string;
  offset: number;
  /** Arrival, ms since the epoch. */
  at: number;
  status: number;
  retryAfter?: string;
}

export interface Fault {
  status: number;
  retryAfter?: string;
}

type Json = Record<string, unknown>;

export class LocalJolpica {
  readonly requests: ServedRequest[] = [];
  private readonly faults: Array<{ path: string; offset: number; fault: Fault }> = [];
  private readonly cache = new Map<string, Json>();
  private server: Server | undefined;
  private baseUrl = '';

  /** `maxPageSize`: Jolpica caps `limit` at 100; a smaller cap spreads the small recorded lists over pages. */
  constructor(private readonly maxPageSize = 100) {}

  /** The next request for this page gets these answers first, one each. */
  failNext(path: string, offset: number, ...faults: Fault[]): void {
    this.faults.push(...faults.map((fault) => ({ path, offset, fault })));
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/^\/ergast\/f1/, '');
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 30), this.maxPageSize);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const index = this.faults.findIndex((entry) => entry.path === path && entry.offset === offset);
      if (index >= 0) {
        const { fault } = this.faults.splice(index, 1)[0];
        this.requests.push({
          path,
          offset,
          at: Date.now(),
          status: fault.status,
          retryAfter: fault.retryAfter,
        });
        response.writeHead(fault.status, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
        response.end(fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error');
        return;
      }
      const body = this.page(path, limit, offset);
      this.requests.push({ path, offset, at: Date.now(), status: body ? 200 : 404 });
      response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      response.end(body ? JSON.stringify(body) : 'Not found');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ergast/f1`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** How many entries the server holds at this path (what `total` says). */
  totalOf(path: string): number {
    return Number(this.page(path, 1, 0)?.MRData.total ?? 0);
  }

  private page(path: string, limit: number, offset: number): { MRData: Json } | undefined {
    const files = SERVED_2023[path];
    const empty = EMPTY_TABLES.find(([pattern]) => pattern.test(path));
    if (!files && !empty) return undefined;
    let tableKey: string;
    let listKey: string;
    let tableFields: Json;
    let items: Json[];
    if (files) {
      const responses = files.map((file) => this.read(file));
      tableKey = Object.keys(responses[0]).find((key) => key.endsWith('Table'))!;
      const table = responses[0][tableKey] as Json;
      listKey = Object.keys(table).find((key) => Array.isArray(table[key]))!;
      const { [listKey]: _list, ...fields } = table;
      tableFields = fields;
      if (files.length > 1) delete tableFields.round;
      items = responses.flatMap((response) => (response[tableKey] as Json)[listKey] as Json[]);
    } else {
      [, tableKey, listKey] = empty!;
      tableFields = {};
      items = [];
    }
    const entries = entriesOf(items);
    return {
      MRData: {
        xmlns: '',
        series: 'f1',
        url: `${this.baseUrl}${path}`,
        limit: String(limit),
        offset: String(offset),
        total: String(entries.length),
        [tableKey]: { ...tableFields, [listKey]: pageItems(entries.slice(offset, offset + limit)) },
      },
    };
  }

  private read(file: string): Json {
    let data = this.cache.get(file);
    if (!data) {
      data = (JSON.parse(readFileSync(join(HISTORICAL_FIXTURES_DIR, file), 'utf8')) as { MRData: Json })
        .MRData;
      this.cache.set(file, data);
    }
    return data;
  }
}

/** The most requests that arrived within any window of `windowMs` (sliding, at each arrival). */
export function mostRequestsWithin(requests: readonly ServedRequest[], windowMs: number): number {
  const times = requests.map((request) => request.at).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
