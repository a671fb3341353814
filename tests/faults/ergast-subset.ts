import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { parse } from 'csv-parse/sync';

/** The bundled Ergast CSV set (every table but lap_times, 1950–2025). */
export const ERGAST_FIXTURE_SET = resolve(__dirname, '../../libs/historical/fixtures/ergast-csv');

const REFERENCE_TABLES = ['status', 'circuits', 'drivers', 'constructors'];
const RACE_FACT_TABLES = [
  'results',
  'qualifying',
  'sprint_results',
  'pit_stops',
  'driver_standings',
  'constructor_standings',
  'constructor_results',
];

export interface ErgastSubset {
  /** Rows written per table. */
  rows: Record<string, number>;
  total: number;
}

/**
 * Writes the seasons `from`–`to` of the bundled CSV set into `directory` as plain `.csv` files:
 * the reference tables whole, races of those seasons, and every fact row of those races. The
 * lines are copied byte for byte, so the subset imports exactly as the full set would.
 */
export function writeErgastSubset(directory: string, from: number, to: number): ErgastSubset {
  const text = (table: string) =>
    gunzipSync(readFileSync(join(ERGAST_FIXTURE_SET, `${table}.csv.gz`))).toString('utf8');
  const rows: Record<string, number> = {};
  const copy = (table: string, keep: (row: Record<string, string>) => boolean) => {
    const source = text(table);
    const header = source.slice(0, source.indexOf('\n') + 1);
    const parsed = parse(source, { columns: true, raw: true, relax_column_count: true }) as Array<{
      record: Record<string, string>;
      raw: string;
    }>;
    const kept = parsed.filter(({ record }) => keep(record));
    writeFileSync(join(directory, `${table}.csv`), header + kept.map(({ raw }) => raw).join(''));
    rows[table] = kept.length;
  };
  const inRange = (year: string) => Number(year) >= from && Number(year) <= to;
  for (const table of REFERENCE_TABLES) copy(table, () => true);
  copy('seasons', (row) => inRange(row.year));
  const raceIds = new Set<string>();
  copy('races', (row) => {
    if (inRange(row.year)) raceIds.add(row.raceId);
    return inRange(row.year);
  });
  for (const table of RACE_FACT_TABLES) copy(table, (row) => raceIds.has(row.raceId));
  return { rows, total: Object.values(rows).reduce((sum, count) => sum + count, 0) };
}
