/**
 * Every historical table: replaced by natural key at merge time, newest `_version` winning, and
 * deduplicating retried insert blocks. `allow_nullable_key` lets a result's car number (unknown
 * for a few 1950s cars) be part of its key.
 */
export function historicalTable(name: string, columns: string, orderBy: string): string {
  return `CREATE TABLE IF NOT EXISTS ${name} (
  ${columns.trim()},
  event_id String,
  source LowCardinality(String),
  recorded_at DateTime64(3, 'UTC'),
  _version UInt64
) ENGINE = ReplacingMergeTree(_version)
ORDER BY (${orderBy})
SETTINGS non_replicated_deduplication_window = 1000, allow_nullable_key = 1`;
}
