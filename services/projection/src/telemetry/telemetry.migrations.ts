import { type Migration } from '@slipstream/clickhouse';

/*
 * Car telemetry and car positions: about 3.7 samples per second per car, hundreds of thousands of
 * rows per session. Keyed by session, car and sample time, so a replayed or redelivered batch
 * replaces itself; `_version` is the sample time (a sample never changes once sent).
 */
export const telemetryMigrations: Migration[] = [
  {
    version: 250,
    name: 'car_telemetry, car_positions',
    statements: [
      `CREATE TABLE IF NOT EXISTS car_telemetry (
        session_key UInt32, driver_number UInt16, date DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
        rpm UInt16, speed UInt16, gear UInt8,
        throttle Nullable(UInt8), brake Nullable(UInt8), drs UInt8,
        _version UInt64 CODEC(Delta, ZSTD)
      ) ENGINE = ReplacingMergeTree(_version)
      ORDER BY (session_key, driver_number, date)
      SETTINGS non_replicated_deduplication_window = 1000`,
      `CREATE TABLE IF NOT EXISTS car_positions (
        session_key UInt32, driver_number UInt16, date DateTime64(3, 'UTC') CODEC(Delta, ZSTD),
        x Int32, y Int32, z Int32, status LowCardinality(String),
        _version UInt64 CODEC(Delta, ZSTD)
      ) ENGINE = ReplacingMergeTree(_version)
      ORDER BY (session_key, driver_number, date)
      SETTINGS non_replicated_deduplication_window = 1000`,
    ],
  },
];
