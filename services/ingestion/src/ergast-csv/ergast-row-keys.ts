import { type ErgastTable } from '@slipstream/historical';

/**
 * The key of a row within its table: its primary key in the Ergast schema, or the columns that
 * identify it where the table has none (pit stops, lap times).
 */
const KEY_COLUMNS: Record<ErgastTable, readonly string[]> = {
  status: ['statusId'],
  seasons: ['year'],
  circuits: ['circuitId'],
  races: ['raceId'],
  drivers: ['driverId'],
  constructors: ['constructorId'],
  results: ['resultId'],
  qualifying: ['qualifyId'],
  sprint_results: ['resultId'],
  pit_stops: ['raceId', 'driverId', 'stop'],
  lap_times: ['raceId', 'driverId', 'lap'],
  driver_standings: ['driverStandingsId'],
  constructor_standings: ['constructorStandingsId'],
  constructor_results: ['constructorResultsId'],
};

export function ergastRowKey(table: ErgastTable, row: Record<string, string>): string {
  return KEY_COLUMNS[table].map((column) => row[column] ?? '').join('/');
}
