import { type Migration } from '@slipstream/clickhouse';

/*
 * Labels the history API reads with `joinGet` instead of planning a join (ADR 0015): each race's
 * name and circuit, and the constructor each driver drove for in a race. They live in `Join`
 * tables (in memory, kept on disk, read by key), written at projection time.
 *
 * The projectors write the labels into a `Null` table (`*_in`); a materialized view keeps, per key,
 * the newest version of the block and stores it only if it is at least as new as the label held,
 * so the held label is the one `FINAL` of the source table returns (newest `_version`, the later
 * of equal versions), whatever order the events arrive in. The `Null` table stores nothing and
 * deduplicates nothing: a batch inserted again after a crash runs the view again, and a label
 * inserted twice is the same label. A label is read at query time, so a result projected before
 * its race gets the race's label as soon as the race is projected.
 */

/** A `Join` table read by `joinGet`; the later insert of a key wins (the view decides which may). */
const labelTable = (name: string, keys: string, columns: string) =>
  `CREATE TABLE IF NOT EXISTS ${name} (${keys}${columns}, _version UInt64)
ENGINE = Join(ANY, LEFT, ${keyNames(keys)})
SETTINGS join_any_take_last_row = 1`;

const keyNames = (keys: string) =>
  keys
    .split(',')
    .map((key) => key.trim().split(' ')[0])
    .join(', ');

const RACE_KEY = 'season UInt16, round UInt8';
const CAR_KEY = 'season UInt16, round UInt8, driver_ref String';

/**
 * Newest version of each key in the inserted block, kept only if not older than the held label.
 * Aliases are `label_*`: ClickHouse resolves an alias before a column of the same name.
 */
const labelView = (table: string, keys: string, labels: string[]) => {
  const names = keyNames(keys);
  return `CREATE MATERIALIZED VIEW IF NOT EXISTS ${table}_mv TO ${table} AS
SELECT ${names}, ${labels.map((label) => `label_${label} AS ${label}`).join(', ')}, label_version AS _version
FROM (
  SELECT ${names}, ${labels.map((label) => `argMax(${label}, _version) AS label_${label}`).join(', ')},
    max(_version) AS label_version
  FROM ${table}_in GROUP BY ${names}
)
WHERE label_version >= joinGet('${table}', '_version', ${names})`;
};

const label = (table: string, keys: string, labels: Record<string, string>) => {
  const columns = Object.entries(labels)
    .map(([name, type]) => `, ${name} ${type}`)
    .join('');
  return [
    labelTable(table, keys, columns),
    `CREATE TABLE IF NOT EXISTS ${table}_in (${keys}${columns}, _version UInt64) ENGINE = Null`,
    labelView(table, keys, Object.keys(labels)),
  ];
};

export const historicalLabelsMigration: Migration = {
  version: 104,
  name: 'historical_labels',
  statements: [
    ...label('hist_race_labels', RACE_KEY, { race_name: 'String', circuit_ref: 'String' }),
    ...label('hist_race_cars', CAR_KEY, { constructor_ref: 'String' }),
    // An existing store: the labels of what is already projected (a fresh one has none yet).
    `INSERT INTO hist_race_labels_in SELECT season, round, race_name, circuit_ref, _version FROM hist_races FINAL`,
    `INSERT INTO hist_race_cars_in SELECT season, round, driver_ref, constructor_ref, _version FROM hist_race_results FINAL`,
  ],
};
