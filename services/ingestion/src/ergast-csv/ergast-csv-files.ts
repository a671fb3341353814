import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { ERGAST_TABLES, type ErgastTable } from '@slipstream/historical';

export interface ErgastCsvFile {
  table: ErgastTable;
  path: string;
  gzipped: boolean;
}

/**
 * The tables of an Ergast CSV set found in a directory, as `<table>.csv` or `<table>.csv.gz`, in
 * import order (reference tables first). Tables the set lacks (lap_times, often) are listed apart.
 */
export async function findErgastCsvFiles(
  directory: string,
): Promise<{ files: ErgastCsvFile[]; missing: ErgastTable[] }> {
  const names = new Set(await readdir(directory));
  const files: ErgastCsvFile[] = [];
  const missing: ErgastTable[] = [];
  for (const table of ERGAST_TABLES) {
    const name = [`${table}.csv`, `${table}.csv.gz`].find((candidate) => names.has(candidate));
    if (name) files.push({ table, path: join(directory, name), gzipped: name.endsWith('.gz') });
    else missing.push(table);
  }
  return { files, missing };
}
