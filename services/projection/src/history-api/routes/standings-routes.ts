import { constructorFilter, driverFilter, roundFilter, seasonFilter, sourceFilter } from '../history-filters';
import { type ColumnType, type FlatSource, type HistoryRoute } from '../history-route';
import { RACE_NAME, SOURCE_OF_ORIGIN } from './shared-sql';

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
const standingsSource = (table: string, entrant: string): FlatSource => ({
  select: `origin, ${SOURCE_OF_ORIGIN}, season, round, ${RACE_NAME}, position, position_text, ${entrant}, points, wins`,
  from: `${table} FINAL`,
});

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

export const standingsAdjustmentsRoute: HistoryRoute = {
  path: 'standings-adjustments',
  summary: 'Official decisions the results do not show, and how the calculated standings apply them',
  description:
    'Disqualifications and exclusions from a championship, points deductions, re-entries and ' +
    'classifications corrected after a race, each with its reason and source. The calculated ' +
    'standings (`source=calculated`) include them; see docs/historical-standings.md.',
  columns: {
    season: 'int',
    round: 'int',
    championship: 'string',
    kind: 'string',
    entrant_ref: 'string',
    points_delta: 'number',
    reason: 'string',
    reference: 'string',
    decided_at: 'datetime',
  },
  filters: [seasonFilter(), roundFilter('The round from which the decision applies.')],
  source: `SELECT season, round, championship, kind, entrant_ref, points_delta, reason, reference, decided_at
FROM hist_standings_adjustments FINAL`,
  orderBy: 'season, round, championship, entrant_ref, kind',
};
