import {
  circuitFilter,
  constructorFilter,
  driverFilter,
  equals,
  roundFilter,
  seasonFilter,
} from '../history-filters';
import { isoInstant } from '../history-presentation';
import { type HistoryRoute } from '../history-route';
import { ENTRIES } from './shared-sql';

const MEMBERSHIP_ROUND = 'Round of the season (use with season).';

export const seasonsRoute: HistoryRoute = {
  path: 'seasons',
  summary: 'Championship seasons, with their number of races',
  columns: { season: 'int', races: 'int', url: 'string' },
  filters: [
    seasonFilter(),
    driverFilter('Seasons in which this driver has a race result.', equals('driver_ref'), true),
    constructorFilter(
      'Seasons in which this constructor has a race result.',
      equals('constructor_ref'),
      true,
    ),
    circuitFilter('Seasons that raced on this circuit.', true),
  ],
  source: `SELECT s.season AS season, s.url AS url, toUInt32(coalesce(counted.races, 0)) AS races
FROM hist_seasons AS s FINAL
LEFT JOIN (SELECT season, count() AS races FROM hist_races FINAL GROUP BY season) AS counted ON counted.season = s.season`,
  orderBy: 'season',
  membership: { key: 'season', source: ENTRIES },
};

export const circuitsRoute: HistoryRoute = {
  path: 'circuits',
  summary: 'Circuits',
  columns: {
    circuit_ref: 'string',
    name: 'string',
    locality: 'string',
    country: 'string',
    latitude: 'number',
    longitude: 'number',
    url: 'string',
  },
  filters: [
    circuitFilter(),
    seasonFilter(true),
    roundFilter(MEMBERSHIP_ROUND, true),
    driverFilter('Circuits where this driver has a race result.', equals('driver_ref'), true),
    constructorFilter('Circuits where this constructor has a race result.', equals('constructor_ref'), true),
  ],
  source: `SELECT circuit_ref, name, locality, country, latitude, longitude, url FROM hist_circuits FINAL`,
  orderBy: 'circuit_ref',
  membership: { key: 'circuit_ref', source: ENTRIES },
};

interface SessionTuple extends Array<unknown> {
  0: string;
  1: string | null;
  2: string | null;
  3: boolean;
}

export const racesRoute: HistoryRoute = {
  path: 'races',
  summary: 'Races (the schedule), each with its circuit and its sessions',
  description:
    '`sessions` lists the scheduled sessions of the weekend (practice, qualifying, sprint qualifying, sprint, ' +
    'race) with their date and UTC start; in CSV it is written as JSON.',
  columns: {
    season: 'int',
    round: 'int',
    race_name: 'string',
    circuit_ref: 'string',
    circuit_name: 'string',
    locality: 'string',
    country: 'string',
    date: 'date',
    starts_at: 'datetime',
    start_time_known: 'bool',
    url: 'string',
    sessions: 'object[]',
  },
  filters: [seasonFilter(), roundFilter('Round of the season.'), circuitFilter()],
  source: `SELECT
  r.season AS season, r.round AS round, r.race_name AS race_name, r.circuit_ref AS circuit_ref,
  c.name AS circuit_name, c.locality AS locality, c.country AS country,
  r.race_date AS date, r.starts_at AS starts_at, r.start_time_known AS start_time_known, r.url AS url,
  s.sessions AS _sessions
FROM hist_races AS r FINAL
LEFT JOIN (SELECT circuit_ref, name, locality, country FROM hist_circuits FINAL) AS c ON c.circuit_ref = r.circuit_ref
LEFT JOIN (
  SELECT season, round,
    arraySort(x -> (x.2, x.3), groupArray((session, session_date, starts_at, start_time_known))) AS sessions
  FROM hist_race_sessions FINAL WHERE scheduled GROUP BY season, round
) AS s ON s.season = r.season AND s.round = r.round`,
  orderBy: 'season, round',
  present: (row) => ({
    ...row,
    sessions: ((row._sessions as SessionTuple[] | null) ?? []).map(
      ([session, date, startsAt, startTimeKnown]) => ({
        session,
        date,
        starts_at: startTimeKnown ? isoInstant(startsAt) : null,
        start_time_known: startTimeKnown,
      }),
    ),
  }),
};

export const driversRoute: HistoryRoute = {
  path: 'drivers',
  summary: 'Drivers',
  columns: {
    driver_ref: 'string',
    permanent_number: 'int',
    code: 'string',
    given_name: 'string',
    family_name: 'string',
    date_of_birth: 'date',
    nationality: 'string',
    url: 'string',
  },
  filters: [
    driverFilter(),
    seasonFilter(true),
    roundFilter(MEMBERSHIP_ROUND, true),
    constructorFilter('Drivers with a race result for this constructor.', equals('constructor_ref'), true),
    circuitFilter('Drivers with a race result on this circuit.', true),
  ],
  source: `SELECT driver_ref, permanent_number, code, given_name, family_name, date_of_birth, nationality, url
FROM hist_drivers FINAL`,
  orderBy: 'family_name, given_name, driver_ref',
  membership: { key: 'driver_ref', source: ENTRIES },
};

export const constructorsRoute: HistoryRoute = {
  path: 'constructors',
  summary: 'Constructors',
  columns: { constructor_ref: 'string', name: 'string', nationality: 'string', url: 'string' },
  filters: [
    constructorFilter(),
    seasonFilter(true),
    roundFilter(MEMBERSHIP_ROUND, true),
    driverFilter('Constructors this driver has a race result for.', equals('driver_ref'), true),
    circuitFilter('Constructors with a race result on this circuit.', true),
  ],
  source: `SELECT constructor_ref, name, nationality, url FROM hist_constructors FINAL`,
  orderBy: 'name, constructor_ref',
  membership: { key: 'constructor_ref', source: ENTRIES },
};

export const statusesRoute: HistoryRoute = {
  path: 'statuses',
  summary: 'Finishing statuses (Finished, +1 Lap, Engine, …)',
  columns: { status_id: 'int', status: 'string' },
  filters: [],
  source: `SELECT status_id, status FROM hist_finishing_statuses FINAL`,
  orderBy: 'status_id',
};
