import { describe, expect, it } from 'vitest';

import { csvTable } from '../core/csv-table';
import { nextPage, presentRow } from './history-presentation';
import { buildHistoryQuery } from './history-query-builder';
import { InvalidParameters, parseHistoryQuery } from './history-query-parser';
import { HISTORY_ROUTES, type HistoryRouteName } from './routes';

const build = (route: HistoryRouteName, query: string) =>
  buildHistoryQuery(HISTORY_ROUTES[route], parseHistoryQuery(query, HISTORY_ROUTES[route]));

/** The parameters a refused query names, with their problems. */
function refused(route: HistoryRouteName, query: string): Array<[string, string]> {
  try {
    parseHistoryQuery(query, HISTORY_ROUTES[route]);
  } catch (error) {
    if (error instanceof InvalidParameters) return error.problems.map((p) => [p.parameter, p.problem]);
    throw error;
  }
  throw new Error(`${query} was accepted`);
}

describe('history query builder', () => {
  it('binds every value as a typed parameter and never splices it into the SQL', () => {
    const { sql, countSql, params } = build('results', 'season=2023&round=10&driver=max_verstappen');
    // Flat: the filters inside the one statement that reads the table (ADR 0015).
    expect(sql).toMatch(
      /^SELECT season, round, .*, count\(\) OVER \(\) AS _total\nFROM hist_race_results FINAL\n/,
    );
    expect(sql).toContain(
      'WHERE season = {p0:UInt16} AND round = {p1:UInt8} AND driver_ref = {p2:String}\nORDER BY season, round, position_order, driver_ref\nLIMIT {limit:UInt32} OFFSET {offset:UInt64}',
    );
    expect(countSql).toMatch(/^SELECT count\(\) AS total FROM \(/);
    expect(countSql).toContain(
      'WHERE season = {p0:UInt16} AND round = {p1:UInt8} AND driver_ref = {p2:String}',
    );
    expect(params).toEqual({ p0: 2023, p1: 10, p2: 'max_verstappen', limit: 100, offset: 0 });
    expect(sql).not.toContain('max_verstappen');
    expect(sql).not.toContain('2023');
  });

  it('ranks whole races in one grouped statement, and a driver among all drivers of the race', () => {
    const race = build('fastest-laps', 'season=2023&round=1&circuit=bahrain').sql;
    expect(race).toContain('\nFROM hist_lap_times FINAL\nWHERE season = {p0:UInt16} AND round = {p1:UInt8}');
    expect(race).toContain('\nGROUP BY season, round, driver_ref\nORDER BY season, round, rank, driver_ref');
    // A driver filter applies after the ranking: around the subquery that ranks every driver.
    const driver = build('fastest-laps', 'season=2023&round=1&driver=alonso').sql;
    expect(driver).toContain(
      ') AS fastest\nWHERE season = {p0:UInt16} AND round = {p1:UInt8} AND driver_ref',
    );
    expect(driver).not.toContain('\nGROUP BY season, round, driver_ref\nORDER BY');
  });

  it('reads comma-separated or repeated values as any of them', () => {
    const { sql, params } = build('results', 'driver=max_verstappen,perez&driver=alonso&season=2022,2023');
    expect(sql).toContain('driver_ref IN ({p0:String}, {p1:String}, {p2:String})');
    expect(sql).toContain('season IN ({p3:UInt16}, {p4:UInt16})');
    expect(params).toMatchObject({ p0: 'max_verstappen', p1: 'perez', p2: 'alonso', p3: 2022, p4: 2023 });
  });

  it('decides a dimension’s membership filters together, in one subquery', () => {
    const { sql, params } = build('drivers', 'season=2023&constructor=alphatauri&driver=tsunoda');
    expect(sql).toContain('WHERE driver_ref = {p2:String} AND driver_ref IN (SELECT driver_ref FROM (');
    expect(sql).toContain(') WHERE season = {p0:UInt16} AND constructor_ref = {p1:String})');
    expect(params).toMatchObject({ p0: 2023, p1: 'alphatauri', p2: 'tsunoda' });
  });

  it('reads standings as official unless told otherwise, and binds what official means', () => {
    expect(build('driver-standings', 'season=2023').params).toMatchObject({ p0: 2023, p1: 'published' });
    expect(build('driver-standings', 'source=calculated&round=10').params).toMatchObject({
      p0: 'calculated',
      p1: 10,
    });
    expect(build('driver-standings', '').sql).toContain('WHERE origin = {p0:String}');
  });

  it('filters array columns and entrant progressions with their own conditions', () => {
    expect(build('driver-season-performance', 'constructor=red_bull,alphatauri').sql).toContain(
      'hasAny(constructor_refs, [{p0:String}, {p1:String}])',
    );
    expect(build('standings-progression', 'driver=perez').sql).toContain(
      "(championship = 'drivers' AND entrant_ref = {p0:String}) AND origin = {p1:String}",
    );
  });

  it('pages with limit and offset as parameters, 100 rows by default and at most 1000', () => {
    expect(build('laps', 'limit=1000&offset=2000').params).toEqual({ limit: 1000, offset: 2000 });
    expect(build('laps', '').params).toEqual({ limit: 100, offset: 0 });
    expect(refused('laps', 'limit=1001')).toEqual([['limit', '1001 is out of range 1–1000']]);
    expect(refused('laps', 'limit=0')).toEqual([['limit', '0 is out of range 1–1000']]);
  });

  it('refuses unknown names, wrong types and malformed values, naming each parameter', () => {
    expect(refused('results', 'seasons=2023')[0]).toEqual([
      'seasons',
      expect.stringContaining('unknown parameter for /v1/history/results; expected one of season, round'),
    ]);
    expect(refused('results', 'season=abc&round=1.5&driver=')).toEqual([
      ['season', '"abc" is not a whole number'],
      ['round', '"1.5" is not a whole number'],
      ['driver', 'a value is required'],
    ]);
    expect(refused('results', 'season=1949')).toEqual([['season', '1949 is out of range 1950–2100']]);
    expect(refused('results', 'round=256')).toEqual([['round', '256 is out of range 1–99']]);
    expect(refused('results', 'format=xml')).toEqual([['format', '"xml" is not json or csv']]);
    expect(refused('results', 'limit=10&limit=20')).toEqual([['limit', 'given more than once']]);
    expect(refused('driver-standings', 'source=official,calculated')).toEqual([
      ['source', 'takes a single value'],
    ]);
    expect(refused('driver-standings', 'source=toString')).toEqual([
      ['source', '"toString" is not one of official, calculated'],
    ]);
  });

  it('refuses SQL fragments in names and values before any SQL is built', () => {
    const hostile: Array<[string, string]> = [
      ["driver=max_verstappen' OR '1'='1", 'driver'],
      ['season=2023; DROP TABLE hist_race_results', 'season'],
      ['constructor=red_bull) OR (1=1', 'constructor'],
      ['circuit=monaco%27--', 'circuit'],
      ['round=1 UNION SELECT 1', 'round'],
      ['season%3D2023%20OR%201%3D1=1', 'season=2023 OR 1=1'],
      ['offset=0)--', 'offset'],
    ];
    for (const [query, parameter] of hostile)
      expect(refused('results', query).map(([name]) => name)).toEqual([parameter]);
  });

  it('accepts every Ergast identifier shape: hyphens, capitals, digits', () => {
    expect(build('constructors', 'constructor=cooper-climax').params.p0).toBe('cooper-climax');
    expect(build('drivers', 'driver=scott_Brown').params.p0).toBe('scott_Brown');
  });

  it('takes format from the query string; the Accept header is the caller’s fallback', () => {
    expect(parseHistoryQuery('format=csv', HISTORY_ROUTES.results).format).toBe('csv');
    expect(parseHistoryQuery('', HISTORY_ROUTES.results).format).toBeUndefined();
  });
});

describe('history presentation', () => {
  it('keeps the route’s columns in order, numbers as numbers, instants as ISO 8601', () => {
    const row = presentRow(HISTORY_ROUTES.seasons, { season: 2023, races: '22', url: null, _version: 1 });
    expect(row).toEqual({ season: 2023, races: 22, url: null });
    const race = presentRow(HISTORY_ROUTES.races, {
      season: 2023,
      starts_at: '2023-03-05 15:00:00.000',
      _sessions: [['qualifying', '2023-03-04', '2023-03-04 15:00:00.000', true]],
    });
    expect(race.starts_at).toBe('2023-03-05T15:00:00.000Z');
    expect(race.sessions).toEqual([
      {
        session: 'qualifying',
        date: '2023-03-04',
        starts_at: '2023-03-04T15:00:00.000Z',
        start_time_known: true,
      },
    ]);
  });

  it('writes RFC 4180 CSV: quoted commas and quotes, arrays as JSON, null as empty', () => {
    const csv = csvTable(Object.keys(HISTORY_ROUTES.constructors.columns), [
      { constructor_ref: 'a', name: 'Team "A", Ltd', nationality: null, url: 'x' },
    ]);
    expect(csv).toBe('constructor_ref,name,nationality,url\r\na,"Team ""A"", Ltd",,x\r\n');
  });

  it('links the next page with the same filters, and none after the last', () => {
    expect(
      nextPage('/v1/history/results', 'season=2023&limit=150', { total: 440, limit: 150, offset: 150 }),
    ).toBe('/v1/history/results?season=2023&limit=150&offset=300');
    expect(
      nextPage('/v1/history/results', 'season=2023', { total: 440, limit: 100, offset: 400 }),
    ).toBeNull();
  });
});
