import { type Migration } from '@slipstream/clickhouse';

import { historicalTable } from './historical-table';

export const historicalDimensionsMigration: Migration = {
  version: 100,
  name: 'historical_dimensions',
  statements: [
    historicalTable('hist_seasons', `season UInt16, url Nullable(String)`, 'season'),
    historicalTable(
      'hist_circuits',
      `circuit_ref String,
  name String,
  locality Nullable(String),
  country LowCardinality(Nullable(String)),
  latitude Nullable(Float64),
  longitude Nullable(Float64),
  url Nullable(String)`,
      'circuit_ref',
    ),
    historicalTable(
      'hist_races',
      `season UInt16,
  round UInt8,
  race_name String,
  circuit_ref LowCardinality(String),
  race_date Date,
  starts_at DateTime64(3, 'UTC'),
  start_time_known Bool,
  url Nullable(String)`,
      'season, round',
    ),
    // One row for each of the six session kinds of every race, scheduled or not, so a session
    // dropped from a corrected schedule is replaced rather than left behind.
    historicalTable(
      'hist_race_sessions',
      `season UInt16,
  round UInt8,
  session LowCardinality(String),
  scheduled Bool,
  session_date Nullable(Date),
  starts_at Nullable(DateTime64(3, 'UTC')),
  start_time_known Bool`,
      'season, round, session',
    ),
    historicalTable(
      'hist_drivers',
      `driver_ref String,
  permanent_number Nullable(UInt16),
  code LowCardinality(Nullable(String)),
  given_name String,
  family_name String,
  date_of_birth Nullable(Date32),
  nationality LowCardinality(Nullable(String)),
  url Nullable(String)`,
      'driver_ref',
    ),
    historicalTable(
      'hist_constructors',
      `constructor_ref String, name String, nationality LowCardinality(Nullable(String)), url Nullable(String)`,
      'constructor_ref',
    ),
    historicalTable(
      'hist_finishing_statuses',
      `status_id UInt16, status LowCardinality(String)`,
      'status_id',
    ),
  ],
};
