import { type Migration } from '@slipstream/clickhouse';

/** Team radio clips (version 206 of the session read models). */
export const teamRadioMigrations: Migration[] = [
  {
    version: 206,
    name: 'session_team_radio',
    statements: [
      `CREATE TABLE IF NOT EXISTS session_team_radio (
        session_key UInt32, capture_index UInt32, driver_number UInt16,
        date DateTime64(3, 'UTC'), path String,
        _version UInt64
      ) ENGINE = ReplacingMergeTree(_version)
      ORDER BY (session_key, capture_index)
      SETTINGS non_replicated_deduplication_window = 1000`,
    ],
  },
];
