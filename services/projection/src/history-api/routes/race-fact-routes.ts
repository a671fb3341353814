import {
  circuitFilter,
  constructorFilter,
  driverFilter,
  lapFilter,
  positionFilter,
  roundFilter,
  seasonFilter,
} from '../history-filters';
import { type ColumnType, type FlatSource, type HistoryRoute } from '../history-route';
import { RACE_AND_CAR_LABELS, RACE_LABELS, selectList } from './shared-sql';

const ROUND = 'Round of the season.';
const raceFilters = () => [
  seasonFilter(),
  roundFilter(ROUND),
  driverFilter(),
  constructorFilter(),
  circuitFilter(),
];

const RACE_LABEL: Record<string, ColumnType> = {
  season: 'int',
  round: 'int',
  race_name: 'string',
  circuit_ref: 'string',
};

const CLASSIFICATION: Record<string, ColumnType> = {
  ...RACE_LABEL,
  driver_ref: 'string',
  constructor_ref: 'string',
  car_number: 'int',
  grid: 'int',
  position: 'int',
  position_text: 'string',
  position_order: 'int',
  points: 'number',
  laps: 'int',
  time_ms: 'int',
  fastest_lap_number: 'int',
  fastest_lap_rank: 'int',
  fastest_lap_time_ms: 'int',
  fastest_lap_average_speed_kph: 'number',
  status: 'string',
};

const QUALIFYING: Record<string, ColumnType> = {
  ...RACE_LABEL,
  driver_ref: 'string',
  constructor_ref: 'string',
  car_number: 'int',
  position: 'int',
  q1_ms: 'int',
  q2_ms: 'int',
  q3_ms: 'int',
};

// Flat, the filters inside the one statement (ADR 0015); labels by key.
const labelled = (table: string, columns: Record<string, ColumnType>): FlatSource => ({
  select: selectList(columns, RACE_LABELS),
  from: `${table} FINAL`,
});

export const resultsRoute: HistoryRoute = {
  path: 'results',
  summary: 'Race results: grid, finishing position, points, time, fastest lap and status of every car',
  description: 'Times are in milliseconds; `position` is empty for a car not classified (see position_text).',
  columns: CLASSIFICATION,
  filters: [...raceFilters(), positionFilter('Finishing position.')],
  source: labelled('hist_race_results', CLASSIFICATION),
  orderBy: 'season, round, position_order, driver_ref',
};

export const sprintResultsRoute: HistoryRoute = {
  path: 'sprint-results',
  summary: 'Sprint results (2021 onwards), in the shape of race results',
  columns: CLASSIFICATION,
  filters: [...raceFilters(), positionFilter('Finishing position.')],
  source: labelled('hist_sprint_results', CLASSIFICATION),
  orderBy: 'season, round, position_order, driver_ref',
};

export const qualifyingRoute: HistoryRoute = {
  path: 'qualifying',
  summary: 'Qualifying results with the Q1, Q2 and Q3 times in milliseconds',
  columns: QUALIFYING,
  filters: [...raceFilters(), positionFilter('Qualifying position.')],
  source: labelled('hist_qualifying_results', QUALIFYING),
  orderBy: 'season, round, position, driver_ref',
};

export const lapsRoute: HistoryRoute = {
  path: 'laps',
  summary: 'Lap times of every driver, lap by lap (where the sources have them)',
  columns: { season: 'int', round: 'int', driver_ref: 'string', lap: 'int', position: 'int', time_ms: 'int' },
  filters: [seasonFilter(), roundFilter(ROUND), driverFilter(), lapFilter],
  source: `SELECT season, round, driver_ref, lap, position, time_ms FROM hist_lap_times FINAL`,
  orderBy: 'season, round, lap, position, driver_ref',
};

const FASTEST_LAP: Record<string, ColumnType> = {
  ...RACE_LABEL,
  rank: 'int',
  driver_ref: 'string',
  constructor_ref: 'string',
  lap: 'int',
  time_ms: 'int',
};

/**
 * Ranked within the race before any driver or constructor filter applies, so a driver's row keeps
 * its place among all drivers.
 */
export const fastestLapsRoute: HistoryRoute = {
  path: 'fastest-laps',
  summary: 'Each driver’s fastest lap of a race from the lap times, ranked (1 = fastest lap of the race)',
  columns: FASTEST_LAP,
  filters: raceFilters(),
  // Aggregates get names of their own: ClickHouse resolves an alias before a column of that name.
  source: {
    select: selectList(FASTEST_LAP, RACE_AND_CAR_LABELS),
    from: `(
  SELECT season, round, driver_ref, fastest_lap AS lap, fastest_ms AS time_ms,
    rank() OVER (PARTITION BY season, round ORDER BY fastest_ms) AS rank
  FROM (
    SELECT season, round, driver_ref, argMin(lap, time_ms) AS fastest_lap, min(time_ms) AS fastest_ms
    FROM hist_lap_times FINAL GROUP BY season, round, driver_ref
  )
) AS fastest`,
  },
  // Asked for whole races (season, round, circuit: what the ranking partitions by), one statement
  // groups and ranks at once. Table-qualified columns inside the aggregates, so that `lap` and
  // `time_ms` can name their results; the rank orders by the `time_ms` aggregate.
  narrow: {
    filters: ['season', 'round', 'circuit'],
    source: {
      select: selectList(FASTEST_LAP, {
        ...RACE_AND_CAR_LABELS,
        rank: 'rank() OVER (PARTITION BY season, round ORDER BY time_ms) AS rank',
        lap: 'argMin(hist_lap_times.lap, hist_lap_times.time_ms) AS lap',
        time_ms: 'min(hist_lap_times.time_ms) AS time_ms',
      }),
      from: 'hist_lap_times FINAL',
      groupBy: 'season, round, driver_ref',
    },
  },
  orderBy: 'season, round, rank, driver_ref',
};

const PIT_STOP: Record<string, ColumnType> = {
  ...RACE_LABEL,
  driver_ref: 'string',
  constructor_ref: 'string',
  stop: 'int',
  lap: 'int',
  local_time_of_day: 'string',
  duration_ms: 'int',
};

export const pitStopsRoute: HistoryRoute = {
  path: 'pit-stops',
  summary: 'Pit stops: lap, time of day and duration (pit lane entry to exit) in milliseconds',
  columns: PIT_STOP,
  filters: [...raceFilters(), lapFilter],
  source: { select: selectList(PIT_STOP, RACE_AND_CAR_LABELS), from: 'hist_pit_stops FINAL' },
  orderBy: 'season, round, local_time_of_day, driver_ref, stop',
};
