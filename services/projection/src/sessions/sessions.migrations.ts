import { type Migration } from '@slipstream/clickhouse';

/*
 * Read models of live-timing sessions (versions 200–299). Every table converges under replays and
 * redeliveries: ReplacingMergeTree keyed by the fact's natural key, `_version` taken from the
 * event (its `recordedAt`, stable across replays), and an insert deduplication window for retried
 * batches. Facts that may repeat at the same instant (positions, gaps, weather…) carry the
 * deterministic event id in their key so that two readings never collapse into one.
 */

const TIME = "DateTime64(3, 'UTC')";
const ENGINE = (key: string) => `ENGINE = ReplacingMergeTree(_version)
  ORDER BY (${key})
  SETTINGS non_replicated_deduplication_window = 1000`;

export const sessionMigrations: Migration[] = [
  {
    version: 200,
    name: 'session_info, session_status_changes, session_drivers',
    statements: [
      `CREATE TABLE IF NOT EXISTS session_info (
        session_key UInt32, meeting_key UInt32,
        meeting_name String, meeting_official_name Nullable(String),
        location Nullable(String), country_code LowCardinality(Nullable(String)), country_name Nullable(String),
        circuit_key Nullable(Int32), circuit_short_name Nullable(String),
        session_type LowCardinality(String), session_name LowCardinality(String),
        date_start Nullable(${TIME}), date_end Nullable(${TIME}),
        gmt_offset Nullable(String), archive_path Nullable(String),
        _version UInt64
      ) ${ENGINE('session_key')}`,
      `CREATE TABLE IF NOT EXISTS session_status_changes (
        session_key UInt32, date ${TIME}, event_id String,
        status LowCardinality(String), previous_status LowCardinality(Nullable(String)),
        session_part Nullable(UInt8), session_time_ms Nullable(Int64),
        _version UInt64
      ) ${ENGINE('session_key, date, event_id')}`,
      `CREATE TABLE IF NOT EXISTS session_drivers (
        session_key UInt32, driver_number UInt16,
        broadcast_name Nullable(String), full_name Nullable(String),
        first_name Nullable(String), last_name Nullable(String),
        name_acronym LowCardinality(Nullable(String)), team_name LowCardinality(Nullable(String)),
        team_colour LowCardinality(Nullable(String)), headshot_url Nullable(String), reference Nullable(String),
        _version UInt64
      ) ${ENGINE('session_key, driver_number')}`,
    ],
  },
  {
    version: 201,
    name: 'session_laps, session_lap_deletions',
    statements: [
      `CREATE TABLE IF NOT EXISTS session_laps (
        session_key UInt32, driver_number UInt16, lap_number UInt16,
        lap_time_ms Nullable(UInt32),
        sector_1_ms Nullable(UInt32), sector_2_ms Nullable(UInt32), sector_3_ms Nullable(UInt32),
        i1_speed Nullable(UInt16), i2_speed Nullable(UInt16), fl_speed Nullable(UInt16), st_speed Nullable(UInt16),
        is_pit_out_lap Bool, is_pit_in_lap Bool, is_personal_best Bool, is_overall_best Bool,
        session_part Nullable(UInt8),
        date_start Nullable(${TIME}), date_end ${TIME}, session_time_ms Nullable(Int64),
        _version UInt64
      ) ${ENGINE('session_key, driver_number, lap_number')}`,
      // Deletions stay their own facts: a lap row replaced by a deletion would lose its times.
      `CREATE TABLE IF NOT EXISTS session_lap_deletions (
        session_key UInt32, driver_number UInt16, race_control_message_index UInt32,
        lap_number Nullable(UInt16), lap_time_ms Nullable(UInt32), reason String,
        _version UInt64
      ) ${ENGINE('session_key, driver_number, race_control_message_index')}`,
    ],
  },
  {
    version: 202,
    name: 'session_positions, session_intervals',
    statements: [
      `CREATE TABLE IF NOT EXISTS session_positions (
        session_key UInt32, driver_number UInt16, date ${TIME}, event_id String,
        position UInt8, previous_position Nullable(UInt8),
        _version UInt64
      ) ${ENGINE('session_key, driver_number, date, event_id')}`,
      `CREATE TABLE IF NOT EXISTS session_intervals (
        session_key UInt32, driver_number UInt16, date ${TIME}, event_id String,
        session_part Nullable(UInt8),
        gap_to_leader_text String, gap_to_leader_ms Nullable(Int32), gap_to_leader_laps Nullable(Int32),
        interval_text String, interval_ms Nullable(Int32), interval_laps Nullable(Int32),
        _version UInt64
      ) ${ENGINE('session_key, driver_number, date, event_id')}`,
    ],
  },
  {
    version: 203,
    name: 'session_stints, session_pit_stops',
    statements: [
      `CREATE TABLE IF NOT EXISTS session_stints (
        session_key UInt32, driver_number UInt16, stint_number UInt8,
        compound LowCardinality(Nullable(String)), is_new Nullable(Bool),
        tyre_age_at_start Nullable(UInt16), tyre_age_laps Nullable(UInt16), lap_start Nullable(UInt16),
        _version UInt64
      ) ${ENGINE('session_key, driver_number, stint_number')}`,
      `CREATE TABLE IF NOT EXISTS session_pit_stops (
        session_key UInt32, driver_number UInt16, pit_stop_number UInt8, lap_number UInt16,
        pit_in_at ${TIME}, pit_out_at ${TIME}, lane_duration_ms Nullable(UInt32), session_time_ms Nullable(Int64),
        _version UInt64
      ) ${ENGINE('session_key, driver_number, pit_stop_number')}`,
    ],
  },
  {
    version: 204,
    name: 'session_race_control, session_track_status, session_weather',
    statements: [
      `CREATE TABLE IF NOT EXISTS session_race_control (
        session_key UInt32, message_index UInt32, date ${TIME}, lap_number Nullable(UInt16),
        category LowCardinality(String), message String, flag LowCardinality(Nullable(String)),
        scope LowCardinality(Nullable(String)), sector Nullable(Int16), driver_number Nullable(UInt16),
        status LowCardinality(Nullable(String)), mode LowCardinality(Nullable(String)),
        _version UInt64
      ) ${ENGINE('session_key, message_index')}`,
      `CREATE TABLE IF NOT EXISTS session_track_status (
        session_key UInt32, date ${TIME}, event_id String,
        code LowCardinality(String), state LowCardinality(String), message String,
        previous_code LowCardinality(Nullable(String)),
        _version UInt64
      ) ${ENGINE('session_key, date, event_id')}`,
      `CREATE TABLE IF NOT EXISTS session_weather (
        session_key UInt32, date ${TIME}, event_id String,
        air_temperature Nullable(Float64), track_temperature Nullable(Float64), humidity Nullable(Float64),
        pressure Nullable(Float64), rainfall Nullable(Bool), wind_direction Nullable(Float64), wind_speed Nullable(Float64),
        _version UInt64
      ) ${ENGINE('session_key, date, event_id')}`,
    ],
  },
  {
    version: 205,
    name: 'session_classification',
    statements: [
      // One row per driver and phase: the last live standing, the finished and the finalised
      // classification are all kept, so the provisional result survives the official one (which
      // the historical read models hold: hist_race_results, hist_sprint_results).
      `CREATE TABLE IF NOT EXISTS session_classification (
        session_key UInt32, phase LowCardinality(String), driver_number UInt16,
        session_part Nullable(UInt8), position Nullable(UInt8), laps_completed UInt16,
        best_lap_time_ms Nullable(UInt32), best_lap_number Nullable(UInt16),
        best_lap_times_by_part_ms Array(Nullable(UInt32)),
        gap_to_leader Nullable(String), interval_to_position_ahead Nullable(String),
        number_of_pit_stops UInt8, status LowCardinality(String), date ${TIME},
        _version UInt64
      ) ${ENGINE('session_key, phase, driver_number')}`,
    ],
  },
];
