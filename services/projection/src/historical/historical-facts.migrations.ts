import { type Migration } from '@slipstream/clickhouse';

import { historicalTable } from './historical-table';

const raceKey = `season UInt16,
  round UInt8,
  race_starts_at DateTime64(3, 'UTC')`;

const classification = `${raceKey},
  driver_ref LowCardinality(String),
  constructor_ref LowCardinality(String),
  car_number Nullable(UInt16),
  grid Nullable(UInt8),
  position Nullable(UInt8),
  position_text LowCardinality(String),
  position_order UInt8,
  points Float64,
  laps UInt16,
  time_ms Nullable(UInt32),
  fastest_lap_number Nullable(UInt16),
  fastest_lap_rank Nullable(UInt8),
  fastest_lap_time_ms Nullable(UInt32),
  fastest_lap_average_speed_kph Nullable(Float64),
  status LowCardinality(String)`;

export const historicalFactsMigration: Migration = {
  version: 101,
  name: 'historical_race_facts',
  statements: [
    historicalTable('hist_race_results', classification, 'season, round, driver_ref, car_number'),
    historicalTable('hist_sprint_results', classification, 'season, round, driver_ref'),
    historicalTable(
      'hist_qualifying_results',
      `${raceKey},
  driver_ref LowCardinality(String),
  constructor_ref LowCardinality(String),
  car_number Nullable(UInt16),
  position Nullable(UInt8),
  q1_ms Nullable(UInt32),
  q2_ms Nullable(UInt32),
  q3_ms Nullable(UInt32)`,
      'season, round, driver_ref',
    ),
    historicalTable(
      'hist_lap_times',
      `${raceKey}, driver_ref LowCardinality(String), lap UInt16, position Nullable(UInt8), time_ms UInt32`,
      'season, round, driver_ref, lap',
    ),
    historicalTable(
      'hist_pit_stops',
      `${raceKey},
  driver_ref LowCardinality(String),
  stop UInt8,
  lap UInt16,
  local_time_of_day String,
  duration_ms Nullable(UInt32)`,
      'season, round, driver_ref, stop',
    ),
    historicalTable(
      'hist_constructor_race_results',
      `season UInt16, round UInt8, constructor_ref LowCardinality(String), points Float64, status LowCardinality(Nullable(String))`,
      'season, round, constructor_ref',
    ),
  ],
};
