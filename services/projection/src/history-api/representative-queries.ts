/**
 * Queries a user of the history API typically asks, each as its HTTP request and as the SQL one
 * would write by hand against ClickHouse for the same answer: the benchmark times both to measure
 * what the API adds. Values are literals, so the SQL runs as is in clickhouse-client or chDB.
 */
export interface RepresentativeQuery {
  name: string;
  /** Path and query string, relative to the service's base URL. */
  httpPath: string;
  /** The equivalent SELECT over the read models (same rows, same order). */
  sql: string;
}

export const REPRESENTATIVE_QUERIES: readonly RepresentativeQuery[] = [
  {
    name: 'driver standings after 2023 round 10',
    httpPath: '/v1/history/driver-standings?season=2023&round=10&source=official',
    sql: `SELECT season, round, position, position_text, driver_ref, points, wins
FROM hist_driver_standings FINAL
WHERE origin = 'published' AND season = 2023 AND round = 10
ORDER BY position, driver_ref`,
  },
  {
    name: 'driver season: max_verstappen 2023 race by race',
    httpPath: '/v1/history/results?season=2023&driver=max_verstappen',
    sql: `SELECT season, round, driver_ref, constructor_ref, grid, position, position_text, points, laps, time_ms, status
FROM hist_race_results FINAL
WHERE season = 2023 AND driver_ref = 'max_verstappen'
ORDER BY round`,
  },
  {
    name: 'driver season performance: max_verstappen 2023',
    httpPath: '/v1/history/driver-season-performance?season=2023&driver=max_verstappen',
    sql: `SELECT * FROM mart_driver_season_performance WHERE season = 2023 AND driver_ref = 'max_verstappen'`,
  },
  {
    name: 'fastest laps of 2023 round 1 (from lap times)',
    httpPath: '/v1/history/fastest-laps?season=2023&round=1',
    sql: `SELECT season, round, driver_ref, fastest_lap AS lap, fastest_ms AS time_ms
FROM (
  SELECT season, round, driver_ref, argMin(lap, time_ms) AS fastest_lap, min(time_ms) AS fastest_ms
  FROM hist_lap_times FINAL
  WHERE season = 2023 AND round = 1
  GROUP BY season, round, driver_ref
)
ORDER BY time_ms, driver_ref`,
  },
  {
    name: 'pit stop performance of 2023 round 1',
    httpPath: '/v1/history/pit-stop-performance?season=2023&round=1',
    sql: `SELECT * FROM mart_pit_stop_performance WHERE season = 2023 AND round = 1 ORDER BY median_ms, constructor_ref`,
  },
];
