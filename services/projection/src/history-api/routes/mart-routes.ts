import {
  circuitFilter,
  constructorFilter,
  containsAny,
  driverFilter,
  equals,
  roundFilter,
  seasonFilter,
  sourceFilter,
} from '../history-filters';
import { type ColumnType, type HistoryRoute } from '../history-route';
import { RACE_LABELS, selectList, SOURCE_OF_ORIGIN } from './shared-sql';

export const driverSeasonPerformanceRoute: HistoryRoute = {
  path: 'driver-season-performance',
  summary:
    'A driver’s season: points, wins, podiums, poles, fastest laps, DNFs, average finish, championship',
  description:
    'Points include sprints. A pole is starting first; a DNF a car that started and was not classified. ' +
    'championship_* come from the published standings after the last round.',
  columns: {
    season: 'int',
    driver_ref: 'string',
    constructor_refs: 'string[]',
    races: 'int',
    points: 'number',
    sprint_points: 'number',
    wins: 'int',
    podiums: 'int',
    poles: 'int',
    fastest_laps: 'int',
    dnfs: 'int',
    average_finish: 'number',
    best_finish: 'int',
    championship_points: 'number',
    championship_position: 'int',
  },
  filters: [
    seasonFilter(),
    driverFilter(),
    constructorFilter(
      'Seasons in which the driver drove for this constructor.',
      containsAny('constructor_refs'),
    ),
  ],
  source: `SELECT * FROM mart_driver_season_performance`,
  orderBy: 'season, championship_position, points DESC, driver_ref',
};

export const constructorSeasonPerformanceRoute: HistoryRoute = {
  path: 'constructor-season-performance',
  summary: 'A constructor’s season: points, wins, one-twos, podiums, poles, fastest laps, DNFs, championship',
  columns: {
    season: 'int',
    constructor_ref: 'string',
    driver_refs: 'string[]',
    races: 'int',
    points: 'number',
    sprint_points: 'number',
    wins: 'int',
    one_twos: 'int',
    podiums: 'int',
    poles: 'int',
    fastest_laps: 'int',
    dnfs: 'int',
    average_finish: 'number',
    championship_points: 'number',
    championship_position: 'int',
  },
  filters: [
    seasonFilter(),
    constructorFilter(),
    driverFilter('Seasons in which this driver drove for the constructor.', containsAny('driver_refs')),
  ],
  source: `SELECT * FROM mart_constructor_season_performance`,
  orderBy: 'season, championship_position, points DESC, constructor_ref',
};

export const standingsProgressionRoute: HistoryRoute = {
  path: 'standings-progression',
  summary:
    'Standings round by round: points, points gained and position change of each driver or constructor',
  columns: {
    source: 'string',
    championship: 'string',
    season: 'int',
    round: 'int',
    race_name: 'string',
    entrant_ref: 'string',
    position: 'int',
    previous_position: 'int',
    points: 'number',
    points_gained: 'number',
    wins: 'int',
  },
  filters: [
    sourceFilter,
    {
      name: 'championship',
      description: '`drivers` or `constructors`; default both.',
      value: { kind: 'choice', choices: { drivers: 'drivers', constructors: 'constructors' } },
      condition: equals('championship'),
      single: true,
    },
    seasonFilter(),
    roundFilter('Round of the season.'),
    driverFilter(
      'A driver’s progression in the drivers’ championship.',
      (placeholders) => `(championship = 'drivers' AND ${equals('entrant_ref')(placeholders)})`,
    ),
    constructorFilter(
      'A constructor’s progression in the constructors’ championship.',
      (placeholders) => `(championship = 'constructors' AND ${equals('entrant_ref')(placeholders)})`,
    ),
  ],
  source: `SELECT *, ${SOURCE_OF_ORIGIN} FROM mart_standings_progression`,
  orderBy: 'season, championship, entrant_ref, round',
};

export const teammateHeadToHeadRoute: HistoryRoute = {
  path: 'teammate-head-to-head',
  summary: 'Teammates compared over a season: races and qualifyings ahead and behind, points of each',
  columns: {
    season: 'int',
    constructor_ref: 'string',
    driver_ref: 'string',
    teammate_ref: 'string',
    races_together: 'int',
    race_ahead: 'int',
    race_behind: 'int',
    qualifying_ahead: 'int',
    qualifying_behind: 'int',
    points: 'number',
    teammate_points: 'number',
  },
  filters: [
    seasonFilter(),
    constructorFilter(),
    driverFilter(),
    {
      name: 'teammate',
      description: 'The teammate, by driverRef. Several values: comma-separated or the parameter repeated.',
      value: { kind: 'ref' },
      condition: equals('teammate_ref'),
    },
  ],
  source: `SELECT * FROM mart_teammate_head_to_head`,
  orderBy: 'season, constructor_ref, driver_ref, teammate_ref',
};

const PIT_STOP_PERFORMANCE: Record<string, ColumnType> = {
  season: 'int',
  round: 'int',
  race_name: 'string',
  circuit_ref: 'string',
  constructor_ref: 'string',
  stops: 'int',
  timed_stops: 'int',
  fastest_ms: 'int',
  median_ms: 'number',
  average_ms: 'number',
};

export const pitStopPerformanceRoute: HistoryRoute = {
  path: 'pit-stop-performance',
  summary: 'Pit stops of each constructor in a race: count, fastest, median and average duration (ms)',
  description: 'Stops of a minute or more (red flags, repairs) are counted in `stops` but not timed.',
  columns: PIT_STOP_PERFORMANCE,
  filters: [seasonFilter(), roundFilter('Round of the season.'), constructorFilter(), circuitFilter()],
  source: { select: selectList(PIT_STOP_PERFORMANCE, RACE_LABELS), from: 'mart_pit_stop_performance' },
  orderBy: 'season, round, median_ms, constructor_ref',
};
