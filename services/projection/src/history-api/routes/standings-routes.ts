import { constructorFilter, driverFilter, roundFilter, seasonFilter, sourceFilter } from '../history-filters';
import { type ColumnType, type HistoryRoute } from '../history-route';
import { RACES, SOURCE_OF_ORIGIN } from './shared-sql';

const AFTER_ROUND = 'The standings after this round; without it, after every round of the season(s).';

const standingColumns = (entrant: string): Record<string, ColumnType> => ({
  source: 'string',
  season: 'int',
  round: 'int',
  race_name: 'string',
  position: 'int',
  position_text: 'string',
  [entrant]: 'string',
  points: 'number',
  wins: 'int',
});

// Listed, not `*`: the tables' own `source` column is the provenance (csv, jolpica), not this one.
const standingsSource = (table: string, entrant: string) =>
  `SELECT origin, ${SOURCE_OF_ORIGIN}, season, round, race_name, position, position_text, ${entrant}, points, wins
FROM ${table} FINAL LEFT JOIN ${RACES} USING (season, round)`;

export const driverStandingsRoute: HistoryRoute = {
  path: 'driver-standings',
  summary: 'Drivers’ championship after a round, as published or as calculated by slipstream',
  columns: standingColumns('driver_ref'),
  filters: [sourceFilter, seasonFilter(), roundFilter(AFTER_ROUND), driverFilter()],
  source: standingsSource('hist_driver_standings', 'driver_ref'),
  orderBy: 'season, round, position, driver_ref',
};

export const constructorStandingsRoute: HistoryRoute = {
  path: 'constructor-standings',
  summary: 'Constructors’ championship after a round, as published or as calculated by slipstream',
  columns: standingColumns('constructor_ref'),
  filters: [sourceFilter, seasonFilter(), roundFilter(AFTER_ROUND), constructorFilter()],
  source: standingsSource('hist_constructor_standings', 'constructor_ref'),
  orderBy: 'season, round, position, constructor_ref',
};
