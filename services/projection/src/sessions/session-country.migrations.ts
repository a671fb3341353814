import { type Migration } from '@slipstream/clickhouse';

/** F1's country key of a session's meeting (OpenF1's country_key); null for sessions projected before. */
export const sessionCountryMigrations: Migration[] = [
  {
    version: 208,
    name: 'session_info: country_key',
    statements: [`ALTER TABLE session_info ADD COLUMN IF NOT EXISTS country_key Nullable(Int32)`],
  },
];
