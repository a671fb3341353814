import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { parse } from 'csv-parse/sync';

import { ERGAST_REFERENCE_TABLES, ErgastReferenceIndex } from '../ergast/ergast-reference-index';

/** Real data copied into the repository for tests; see fixtures/PROVENANCE.md. */
export const HISTORICAL_FIXTURES_DIR = resolve(__dirname, '../../fixtures');

const tableCache = new Map<string, Record<string, string>[]>();

export function readErgastTable(table: string): Record<string, string>[] {
  let rows = tableCache.get(table);
  if (!rows) {
    const csv = gunzipSync(readFileSync(join(HISTORICAL_FIXTURES_DIR, 'ergast-csv', `${table}.csv.gz`)));
    rows = parse(csv, { columns: true, relax_column_count: true }) as Record<string, string>[];
    tableCache.set(table, rows);
  }
  return rows;
}

export function ergastFixtureReference(): ErgastReferenceIndex {
  return ErgastReferenceIndex.fromTables(
    Object.fromEntries(ERGAST_REFERENCE_TABLES.map((table) => [table, readErgastTable(table)])),
  );
}

/** The `MRData` object of a recorded response, e.g. `jolpica-api-json-2023-live/2023@1@results.json`. */
export function readJolpicaResponse(relativePath: string): Record<string, unknown> {
  const body = JSON.parse(readFileSync(join(HISTORICAL_FIXTURES_DIR, relativePath), 'utf8')) as {
    MRData: Record<string, unknown>;
  };
  return body.MRData;
}

/** The items of a response's list: Races, Drivers, StandingsLists… */
export function jolpicaItems(mrData: Record<string, unknown>): unknown[] {
  const table = Object.entries(mrData).find(([key]) => key.endsWith('Table'))?.[1] as Record<string, unknown>;
  const list = Object.values(table).find(Array.isArray);
  if (!list) throw new Error('The response has no list');
  return list;
}
