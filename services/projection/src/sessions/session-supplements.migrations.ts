import { type Migration } from '@slipstream/clickhouse';

/** The grid, pit stop times and championship prediction from the feed (version 209 of the session read models). */
export const sessionSupplementMigrations: Migration[] = [
  {
    version: 209,
    name: 'session_grid_pit_stop_times_championship',
    statements: [
      `CREATE TABLE IF NOT EXISTS session_grid (
        session_key UInt32, driver_number UInt16, position UInt8,
        _version UInt64
      ) ENGINE = ReplacingMergeTree(_version)
      ORDER BY (session_key, driver_number)
      SETTINGS non_replicated_deduplication_window = 1000`,
      `CREATE TABLE IF NOT EXISTS session_pit_stop_times (
        session_key UInt32, driver_number UInt16, lap_number UInt16,
        date DateTime64(3, 'UTC'), stop_duration_ms Nullable(UInt32), lane_duration_ms Nullable(UInt32),
        _version UInt64
      ) ENGINE = ReplacingMergeTree(_version)
      ORDER BY (session_key, driver_number, lap_number)
      SETTINGS non_replicated_deduplication_window = 1000`,
      // Drivers have team_name '', teams driver_number 0: one key for both championships.
      `CREATE TABLE IF NOT EXISTS session_championship_predictions (
        session_key UInt32, championship LowCardinality(String), driver_number UInt16, team_name String,
        position_start Nullable(UInt16), position_current Nullable(UInt16),
        points_start Nullable(Float64), points_current Nullable(Float64),
        date DateTime64(3, 'UTC'), event_id String,
        _version UInt64
      ) ENGINE = ReplacingMergeTree(_version)
      ORDER BY (session_key, championship, driver_number, team_name)
      SETTINGS non_replicated_deduplication_window = 1000`,
    ],
  },
];
