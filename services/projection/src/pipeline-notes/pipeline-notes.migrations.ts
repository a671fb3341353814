import { type Migration } from '@slipstream/clickhouse';

export const pipelineNotesMigrations: Migration[] = [
  {
    version: 1,
    name: 'pipeline_notes',
    statements: [
      `CREATE TABLE IF NOT EXISTS pipeline_notes (
        note_key String,
        text String,
        value Float64,
        event_id String,
        occurred_at DateTime64(3, 'UTC'),
        _version UInt64
      ) ENGINE = ReplacingMergeTree(_version)
      ORDER BY note_key
      SETTINGS non_replicated_deduplication_window = 1000`,
    ],
  },
];
