import { type Migration } from '@slipstream/clickhouse';

import { historicalTable } from './historical-table';

/** `origin` tells the published table (as ingested) from the one slipstream calculated from results. */
const standing = (entrant: string) => `origin LowCardinality(String),
  season UInt16,
  round UInt8,
  ${entrant} LowCardinality(String),
  points Float64,
  position Nullable(UInt8),
  position_text LowCardinality(String),
  wins UInt8`;

export const historicalStandingsMigration: Migration = {
  version: 102,
  name: 'historical_standings',
  statements: [
    historicalTable('hist_driver_standings', standing('driver_ref'), 'origin, season, round, driver_ref'),
    historicalTable(
      'hist_constructor_standings',
      standing('constructor_ref'),
      'origin, season, round, constructor_ref',
    ),
    historicalTable(
      'hist_standings_adjustments',
      `kind LowCardinality(String),
  season UInt16,
  round UInt8,
  championship LowCardinality(String),
  entrant_ref LowCardinality(String),
  points_delta Nullable(Float64),
  decided_at DateTime64(3, 'UTC'),
  reason String,
  reference String`,
      'season, championship, entrant_ref, kind, round',
    ),
  ],
};
