import { jetstream } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLICKHOUSE, type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';
import { DURABLE_CONSUMERS, type HistoricalEvent, historicalEventSubject } from '@slipstream/contracts';
import { connectToNats, DEFAULT_PUBLISHER_OPTIONS, JetStreamPublisher } from '@slipstream/messaging';
import { createService, mountOpenApi } from '@slipstream/platform';
import {
  createTempDir,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
  waitForConsumerDrained,
} from '@slipstream/testing';

import { AppModule } from '../app.module';
import { configSchema } from '../config/config.schema';
import { season2023Events } from '../historical/testing/historical-events';
import { buildHistoryQuery } from './history-query-builder';
import { parseHistoryQuery } from './history-query-parser';
import { type HistoryRoute } from './history-route';
import { REPRESENTATIVE_QUERIES } from './representative-queries';
import { HISTORY_ROUTES } from './routes';
import { Ergast2023, fastestLaps2023Round1 } from './testing/ergast-2023';

/*
 * The projection service as deployed (NATS, embedded ClickHouse, /docs), fed the 2023 season's
 * real events on EVENTS; its own consumer and projectors fill the read models the API reads.
 * Expected answers come from the fixture files themselves (testing/ergast-2023.ts).
 */

type Row = Record<string, unknown>;
interface Page {
  total: number;
  limit: number;
  offset: number;
  next: string | null;
  data: Row[];
}
interface Refusal {
  message: string;
  errors: Array<{ parameter: string; problem: string }>;
}

const fixture = new Ergast2023();
let nats: RunningNatsServer;
let chdb: TempDir;
let app: INestApplication;
let nc: NatsConnection;
let clickhouse: ClickHouseHandle;
let base: string;

async function publish(events: HistoricalEvent[], msgIdSuffix = ''): Promise<void> {
  const publisher = new JetStreamPublisher(jetstream(nc), DEFAULT_PUBLISHER_OPTIONS);
  for (const event of events)
    await publisher.publish({
      subject: historicalEventSubject(event),
      msgId: `${event.id}${msgIdSuffix}`,
      payload: event,
    });
  await publisher.flush();
  await waitForConsumerDrained(nc, 'EVENTS', DURABLE_CONSUMERS.projectionEvents.durable, 120_000);
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

async function page(path: string): Promise<Page> {
  const response = await get(path);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as Page;
}

async function refusal(path: string): Promise<Refusal> {
  const response = await get(path);
  expect(response.status, path).toBe(400);
  return (await response.json()) as Refusal;
}

/** Every row over all pages, following `next`. */
async function allPages(path: string): Promise<{ rows: Row[]; pages: Page[] }> {
  const pages: Page[] = [];
  for (let next: string | null = path; next; next = pages[pages.length - 1].next)
    pages.push(await page(next));
  return { rows: pages.flatMap((p) => p.data), pages };
}

beforeAll(async () => {
  nats = await startNatsServer();
  chdb = createTempDir('slipstream-history-api-');
  ({ app } = await createService(
    {
      name: 'projection',
      configSchema,
      rootModule: (config) => AppModule.forRoot(config),
      configure: (created) => mountOpenApi(created, 'slipstream query API', 'history API spec'),
    },
    { NATS_URL: nats.url, CHDB_PATH: chdb.path, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  ));
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  clickhouse = app.get(CLICKHOUSE);
  nc = await connectToNats({ url: nats.url, name: 'history-api-spec' });
  await publish(season2023Events());
}, 240_000);

afterAll(async () => {
  await nc?.drain();
  await app?.close();
  await nats?.dispose();
  chdb?.remove();
});

describe('history API over the 2023 season projected from real events', () => {
  it('answers every route with exactly its columns', async () => {
    for (const route of Object.values(HISTORY_ROUTES)) {
      const body = await page(`/v1/history/${route.path}?limit=5`);
      expect(body.total, route.path).toBeGreaterThan(0);
      expect(body.data.length, route.path).toBe(Math.min(5, body.total));
      for (const row of body.data) expect(Object.keys(row), route.path).toEqual(Object.keys(route.columns));
    }
  });

  it('lists 2023 with its races, and each race with its circuit and scheduled sessions', async () => {
    expect((await page('/v1/history/seasons')).data).toEqual([
      { season: 2023, races: fixture.races.length, url: expect.stringContaining('2023') },
    ]);
    const monaco = fixture.races.find((race) => fixture.circuitOfRound(Number(race.round)) === 'monaco')!;
    const races = await page('/v1/history/races?season=2023&circuit=monaco');
    expect(races.total).toBe(1);
    expect(races.data[0]).toMatchObject({
      round: Number(monaco.round),
      race_name: monaco.name,
      circuit_ref: 'monaco',
      date: monaco.date,
      starts_at: `${monaco.date}T${monaco.time}.000Z`,
    });
    const sessions = races.data[0].sessions as Array<{ session: string; date: string }>;
    expect(sessions.map((s) => s.session)).toEqual([
      'first_practice',
      'second_practice',
      'third_practice',
      'qualifying',
      'race',
    ]);
    expect(sessions.find((s) => s.session === 'qualifying')!.date).toBe(monaco.quali_date);
  });

  it('filters dimensions by what they took part in: AlphaTauri’s drivers of 2023, 2023’s circuits', async () => {
    const expected = [
      ...new Set(fixture.results.filter((r) => r.constructorRef === 'alphatauri').map((r) => r.driverRef)),
    ].sort();
    const drivers = await page('/v1/history/drivers?season=2023&constructor=alphatauri');
    expect(drivers.data.map((d) => d.driver_ref).sort()).toEqual(expected);
    expect(drivers.total).toBe(expected.length);

    const circuits = await page('/v1/history/circuits?season=2023');
    expect(circuits.total).toBe(new Set(fixture.races.map((race) => race.circuitId)).size);
    const constructors = await page('/v1/history/constructors?driver=ricciardo,de_vries&season=2023');
    expect(constructors.data.map((c) => c.constructor_ref)).toEqual(['alphatauri']);
  });

  it('filters facts by season, round, driver, constructor, circuit and position', async () => {
    const bahrain = fixture.results.filter((r) => r.round === 1);
    const winner = bahrain.find((r) => r.position === '1')!;
    expect((await page('/v1/history/results?season=2023&round=1&position=1')).data).toEqual([
      expect.objectContaining({
        driver_ref: winner.driverRef,
        constructor_ref: winner.constructorRef,
        points: Number(winner.points),
        time_ms: Number(winner.milliseconds),
        circuit_ref: fixture.circuitOfRound(1),
      }),
    ]);
    const redBull = await page('/v1/history/results?season=2023&constructor=red_bull');
    expect(redBull.total).toBe(fixture.results.filter((r) => r.constructorRef === 'red_bull').length);
    const atMonaco = await page('/v1/history/results?circuit=monaco&driver=alonso,hamilton');
    expect(atMonaco.data.map((r) => r.driver_ref).sort()).toEqual(['alonso', 'hamilton']);

    const pole4 = fixture.qualifying.find((q) => q.round === 4 && q.position === '1')!;
    expect((await page('/v1/history/qualifying?season=2023&round=4&position=1')).data).toEqual([
      expect.objectContaining({ driver_ref: pole4.driverRef }),
    ]);
    expect((await page('/v1/history/sprint-results?season=2023')).total).toBe(fixture.sprintResults.length);
    const laps = await page('/v1/history/laps?season=2023&round=1&driver=max_verstappen');
    expect(laps.data.map((lap) => lap.lap)).toEqual([1, 2, 3, 4, 5]);
  });

  it('pages with a total and a next link that walks every row exactly once', async () => {
    const { rows, pages } = await allPages('/v1/history/results?season=2023&limit=150');
    expect(pages.map((p) => [p.total, p.offset, p.data.length])).toEqual([
      [fixture.results.length, 0, 150],
      [fixture.results.length, 150, 150],
      [fixture.results.length, 300, fixture.results.length - 300],
    ]);
    expect(pages[pages.length - 1].next).toBeNull();
    expect(new Set(rows.map((r) => `${r.round}:${r.driver_ref}`)).size).toBe(fixture.results.length);
    const first = await get('/v1/history/results?season=2023&limit=150');
    expect(first.headers.get('x-total-count')).toBe(String(fixture.results.length));
    expect(first.headers.get('link')).toBe(
      '</v1/history/results?season=2023&limit=150&offset=150>; rel="next"',
    );
    expect(await page('/v1/history/results?season=2023&offset=1000')).toEqual({
      total: fixture.results.length,
      limit: 100,
      offset: 1000,
      next: null,
      data: [],
    });
  });

  it('writes CSV that parses back to the JSON rows, by format=csv or Accept: text/csv', async () => {
    const path = '/v1/history/results?season=2023&round=1';
    const json = await page(path);
    const response = await get(`${path}&format=csv`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('x-total-count')).toBe(String(json.total));
    const csv = parse(await response.text(), { columns: true }) as Array<Record<string, string>>;
    expect(csv).toEqual(
      json.data.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [key, value === null ? '' : String(value)]),
        ),
      ),
    );

    const races = await get('/v1/history/races?season=2023&round=1', { accept: 'text/csv' });
    const [race] = parse(await races.text(), { columns: true }) as Array<Record<string, string>>;
    expect(JSON.parse(race.sessions)).toEqual(
      (await page('/v1/history/races?season=2023&round=1')).data[0].sessions,
    );
    const forcedJson = await get('/v1/history/races?season=2023&round=1&format=json', { accept: 'text/csv' });
    expect(forcedJson.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses bad parameters with 400 naming each, SQL fragments included, and runs no SQL of theirs', async () => {
    const named = async (path: string) => (await refusal(path)).errors.map((error) => error.parameter);
    expect(await named('/v1/history/results?seasn=2023')).toEqual(['seasn']);
    expect(await named('/v1/history/results?season=twenty')).toEqual(['season']);
    expect(await named('/v1/history/results?season=2023.5')).toEqual(['season']);
    expect(await named('/v1/history/results?round=300')).toEqual(['round']);
    expect(await named('/v1/history/results?limit=5000')).toEqual(['limit']);
    expect(await named('/v1/history/results?offset=-1')).toEqual(['offset']);
    expect(await named('/v1/history/results?format=xml')).toEqual(['format']);
    expect(await named('/v1/history/driver-standings?source=published')).toEqual(['source']);
    expect(await named('/v1/history/driver-standings?source=official&source=calculated')).toEqual(['source']);
    expect(await named('/v1/history/laps?constructor=red_bull')).toEqual(['constructor']);
    expect(await named('/v1/history/results?driver=max_verstappen%27%20OR%20%271%27%3D%271')).toEqual([
      'driver',
    ]);
    expect(await named('/v1/history/results?season=2023%3B%20DROP%20TABLE%20hist_race_results')).toEqual([
      'season',
    ]);
    expect(await named('/v1/history/results?constructor=red_bull)%20OR%20(1%3D1')).toEqual(['constructor']);
    expect(await named('/v1/history/results?season%3D2023%20OR%201%3D1=1')).toEqual(['season=2023 OR 1=1']);
    expect(await named('/v1/history/results?1%3D1%3B--=x&round=one')).toEqual(['1=1;--', 'round']);

    const body = await refusal('/v1/history/results?season=abc');
    expect(body.message).toContain('season');
    expect(body.errors[0].problem).toContain('"abc" is not a whole number');
    const [{ n }] = await queryRows<{ n: number }>(
      clickhouse.client,
      'SELECT count() AS n FROM hist_race_results FINAL',
    );
    expect(Number(n)).toBe(fixture.results.length);
  });

  it('gives the drivers’ and constructors’ standings after 2023 round 10 as the CSV set publishes them', async () => {
    const drivers = fixture.driverStandingsAfter(10);
    for (const source of ['official', 'calculated']) {
      const standings = await page(`/v1/history/driver-standings?season=2023&round=10&source=${source}`);
      expect(
        standings.data.map((r) => ({
          ref: r.driver_ref,
          points: r.points,
          position: r.position,
          wins: r.wins,
        })),
      ).toEqual(drivers);
      expect(standings.data.every((r) => r.source === source && r.round === 10)).toBe(true);
    }
    const constructors = await page('/v1/history/constructor-standings?season=2023&round=10');
    expect(
      constructors.data.map((r) => ({
        ref: r.constructor_ref,
        points: r.points,
        position: r.position,
        wins: r.wins,
      })),
    ).toEqual(fixture.constructorStandingsAfter(10));

    const perez = await page('/v1/history/standings-progression?season=2023&driver=perez&round=9,10');
    const [after9, after10] = [9, 10].map(
      (round) => fixture.driverStandingsAfter(round).find((r) => r.ref === 'perez')!,
    );
    expect(
      perez.data.map((r) => [r.round, r.points, r.points_gained, r.previous_position, r.position]),
    ).toEqual([
      [9, after9.points, expect.any(Number), expect.any(Number), after9.position],
      [10, after10.points, after10.points - after9.points, after9.position, after10.position],
    ]);
  });

  it('lists the official decisions behind the calculated standings, with reason and source', async () => {
    const adjustments = await page('/v1/history/standings-adjustments?season=2007,2011');
    expect(
      adjustments.data.map((r) => [r.season, r.round, r.championship, r.kind, r.entrant_ref, r.points_delta]),
    ).toEqual([
      [2007, 1, 'constructors', 'excluded', 'mclaren', null],
      [2007, 11, 'constructors', 'points_adjusted', 'mclaren', -15],
      [2007, 14, 'constructors', 'points_adjusted', 'mclaren', 15],
      [2011, 7, 'drivers', 'result_corrected', 'karthikeyan', null],
    ]);
    expect(adjustments.data[3]).toMatchObject({
      reason: expect.stringContaining('classified 14 → 17'),
      reference: expect.stringMatching(/^https:\/\//),
      decided_at: '2011-06-12T00:00:00.000Z',
    });
  });

  it('gives a driver’s season: Verstappen 2023 race by race and in sum', async () => {
    const races = fixture.results
      .filter((r) => r.driverRef === 'max_verstappen')
      .sort((a, b) => a.round - b.round);
    const results = await page('/v1/history/results?season=2023&driver=max_verstappen');
    expect(results.data.map((r) => [r.round, r.position_text, r.points])).toEqual(
      races.map((r) => [r.round, r.positionText, Number(r.points)]),
    );
    const sprintPoints = fixture.sprintResults
      .filter((r) => r.driverRef === 'max_verstappen')
      .reduce((sum, r) => sum + Number(r.points), 0);
    const final = fixture.driverStandingsAfter(fixture.races.length).find((r) => r.ref === 'max_verstappen')!;
    const [season] = (await page('/v1/history/driver-season-performance?season=2023&driver=max_verstappen'))
      .data;
    expect(season).toMatchObject({
      constructor_refs: ['red_bull'],
      races: races.length,
      wins: races.filter((r) => r.position === '1').length,
      points: races.reduce((sum, r) => sum + Number(r.points), 0) + sprintPoints,
      sprint_points: sprintPoints,
      championship_points: final.points,
      championship_position: final.position,
    });
    const [head] = (
      await page('/v1/history/teammate-head-to-head?season=2023&driver=max_verstappen&teammate=perez')
    ).data;
    const bothRounds = new Set(
      fixture.results
        .filter((r) => r.driverRef === 'perez' && r.constructorRef === 'red_bull')
        .map((r) => r.round),
    );
    expect(head).toMatchObject({
      constructor_ref: 'red_bull',
      races_together: races.filter((r) => bothRounds.has(r.round)).length,
    });
  });

  it('ranks the fastest laps of 2023 round 1 as the lap times say', async () => {
    const expected = fastestLaps2023Round1();
    const fastest = await page('/v1/history/fastest-laps?season=2023&round=1');
    expect(fastest.data.map((r) => ({ driverRef: r.driver_ref, lap: r.lap, timeMs: r.time_ms }))).toEqual(
      expected,
    );
    expect(fastest.data[0]).toMatchObject({ rank: 1, constructor_ref: expect.any(String) });
    const [alonso] = (await page('/v1/history/fastest-laps?season=2023&round=1&driver=alonso')).data;
    expect(alonso.rank).toBe(expected.findIndex((lap) => lap.driverRef === 'alonso') + 1);
  });

  it('ranks whole races in one statement exactly as the ranked subquery does', async () => {
    const route = HISTORY_ROUTES['fastest-laps'];
    const rows = async (r: HistoryRoute, query: string) => {
      const { sql, params } = buildHistoryQuery(r, parseHistoryQuery(query, r));
      return queryRows(clickhouse.client, sql, params);
    };
    for (const query of [
      'season=2023&round=1',
      'season=2023',
      'circuit=bahrain',
      'season=2023&limit=7&offset=5',
    ]) {
      const narrow = await rows(route, query);
      expect(narrow.length, query).toBeGreaterThan(0);
      expect(narrow, query).toEqual(await rows({ ...route, narrow: undefined }, query));
    }
  });

  it('sums up the pit stops of each constructor in 2023 round 1 as the pit stop file says', async () => {
    const constructorOf = new Map(
      fixture.results.filter((r) => r.round === 1).map((r) => [r.driverRef, r.constructorRef]),
    );
    const stops = fixture.pitStops.filter(
      (s) => s.round === 1 && constructorOf.get(s.driverRef) === 'red_bull',
    );
    const timed = stops
      .map((s) => Number(s.milliseconds))
      .filter((ms) => ms < 60_000)
      .sort((a, b) => a - b);
    const [redBull] = (
      await page('/v1/history/pit-stop-performance?season=2023&round=1&constructor=red_bull')
    ).data;
    expect(redBull).toMatchObject({
      stops: stops.length,
      timed_stops: timed.length,
      fastest_ms: timed[0],
      median_ms: (timed[(timed.length - 1) >> 1] + timed[timed.length >> 1]) / 2,
    });
    const all = await page('/v1/history/pit-stops?season=2023&round=1&limit=1000');
    expect(all.total).toBe(fixture.pitStops.filter((s) => s.round === 1).length);
  });

  it('never shows a fact twice, even while its duplicate rows are not merged away', async () => {
    await clickhouse.client.command({ query: 'SYSTEM STOP MERGES hist_race_results' });
    const round1 = season2023Events().filter(
      (event) => event.type === 'RaceResultRecorded' && (event.data as { round: number }).round === 1,
    );
    await publish(round1, ':delivered-again');
    const [{ n }] = await queryRows<{ n: number }>(
      clickhouse.client,
      'SELECT count() AS n FROM hist_race_results WHERE season = 2023 AND round = 1',
    );
    expect(Number(n)).toBe(2 * round1.length);
    const results = await page('/v1/history/results?season=2023&round=1');
    expect(results.total).toBe(round1.length);
    expect(new Set(results.data.map((r) => r.driver_ref)).size).toBe(round1.length);
    await clickhouse.client.command({ query: 'SYSTEM START MERGES hist_race_results' });
  });

  it('documents every route in the OpenAPI document under the history tag, parameters described', async () => {
    const document = (await (await get('/docs-json')).json()) as {
      paths: Record<
        string,
        { get: { tags: string[]; parameters: Array<{ name: string; description?: string }> } }
      >;
    };
    for (const route of Object.values(HISTORY_ROUTES)) {
      const operation = document.paths[`/v1/history/${route.path}`]?.get;
      expect(operation?.tags, route.path).toEqual(['history']);
      const parameters = operation.parameters;
      expect(parameters.map((p) => p.name).sort(), route.path).toEqual(
        [...route.filters.map((f) => f.name), 'limit', 'offset', 'format'].sort(),
      );
      for (const parameter of parameters)
        expect(parameter.description, `${route.path} ${parameter.name}`).toBeTruthy();
    }
  });

  it('answers the benchmark’s representative requests with the rows of their direct SQL', async () => {
    // 64-bit counts come as text from a ClickHouse server; the API turns them into numbers.
    const like = (apiRow: Row) => (row: Row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          typeof apiRow[k] === 'number' && typeof v === 'string' ? Number(v) : v,
        ]),
      );
    for (const query of REPRESENTATIVE_QUERIES) {
      const api = (await page(query.httpPath)).data;
      const direct = (await queryRows<Row>(clickhouse.client, query.sql)).map(like(api[0] ?? {}));
      expect(api.length, query.name).toBe(direct.length);
      expect(api.length, query.name).toBeGreaterThan(0);
      const shared = Object.keys(direct[0]).filter((key) => key in api[0]);
      expect(shared.length, query.name).toBeGreaterThanOrEqual(3);
      const pick = (row: Row) => Object.fromEntries(shared.map((key) => [key, row[key]]));
      expect(api.map(pick), query.name).toEqual(direct.map(pick));
    }
  });
});
