import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { parse } from 'csv-parse/sync';

import { readErgastTable } from '../../libs/historical/src/testing/historical-fixtures';
import { ergastRowKey } from '../../services/ingestion/src/ergast-csv/ergast-row-keys';
import { ERGAST_CSV_DIR } from './historical-pipeline';

/*
 * What the Ergast CSV set says on its own, read without the pipeline: the expectations the
 * historical end-to-end tests compare the read models with.
 */

const ROOT = join(__dirname, '../..');

export const CSV_TABLES = [
  'status',
  'seasons',
  'circuits',
  'races',
  'drivers',
  'constructors',
  'results',
  'qualifying',
  'sprint_results',
  'pit_stops',
  'driver_standings',
  'constructor_standings',
  'constructor_results',
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** The read model each CSV table lands in (standings share theirs with the calculated tables). */
export const CSV_TABLE_READ_MODELS: Record<CsvTable, { table: string; where?: string }> = {
  status: { table: 'hist_finishing_statuses' },
  seasons: { table: 'hist_seasons' },
  circuits: { table: 'hist_circuits' },
  races: { table: 'hist_races' },
  drivers: { table: 'hist_drivers' },
  constructors: { table: 'hist_constructors' },
  results: { table: 'hist_race_results' },
  qualifying: { table: 'hist_qualifying_results' },
  sprint_results: { table: 'hist_sprint_results' },
  pit_stops: { table: 'hist_pit_stops' },
  driver_standings: { table: 'hist_driver_standings', where: "origin = 'published'" },
  constructor_standings: { table: 'hist_constructor_standings', where: "origin = 'published'" },
  constructor_results: { table: 'hist_constructor_race_results' },
};

export function csvRowCounts(): Record<CsvTable, number> {
  return Object.fromEntries(CSV_TABLES.map((table) => [table, readErgastTable(table).length])) as Record<
    CsvTable,
    number
  >;
}

const REFERENCE_TABLES: readonly CsvTable[] = [
  'status',
  'seasons',
  'circuits',
  'races',
  'drivers',
  'constructors',
];

/**
 * Writes a CSV set holding the reference tables whole and, of the fact tables, only the rows of the
 * given 2023 rounds, line for line as in the fixture set (so an import of it states the same facts
 * as an import of the whole set, for those rounds).
 */
export function writeCsvSubset2023(
  directory: string,
  rounds: Partial<Record<CsvTable, readonly number[]>>,
): void {
  const raceIdOfRound = new Map(
    readErgastTable('races')
      .filter((race) => race.year === '2023')
      .map((race) => [Number(race.round), race.raceId]),
  );
  for (const table of CSV_TABLES) {
    const text = gunzipSync(readFileSync(join(ERGAST_CSV_DIR, `${table}.csv.gz`))).toString('utf8');
    if (REFERENCE_TABLES.includes(table)) {
      writeFileSync(join(directory, `${table}.csv`), text);
      continue;
    }
    const wanted = rounds[table];
    if (!wanted) continue;
    const raceIds = new Set(wanted.map((round) => raceIdOfRound.get(round)));
    const rows = parse(text, { columns: true, raw: true, relax_column_count: true }) as Array<{
      record: Record<string, string>;
      raw: string;
    }>;
    const header = text.slice(0, text.indexOf('\n') + 1);
    const lines = rows
      .filter((row) => raceIds.has(row.record.raceId))
      .map((row) => row.raw.replace(/\r?\n$/, ''));
    writeFileSync(join(directory, `${table}.csv`), `${header}${lines.join('\n')}\n`);
  }
}

/** The CSV row a RAW record key (as ingestion gives it) names, if any. */
export function rowKeyOf(table: CsvTable, key: string): Record<string, string> | undefined {
  return readErgastTable(table).find((row) => ergastRowKey(table, row) === key);
}

export interface StandingRow {
  championship: 'drivers' | 'constructors';
  season: number;
  round: number;
  ref: string;
  points: number;
  position: number | null;
  wins: number;
}

/** driver_standings.csv and constructor_standings.csv, read on their own, with refs for surrogate ids. */
export function publishedStandings(): StandingRow[] {
  const races = new Map(readErgastTable('races').map((race) => [race.raceId, race]));
  const refs = {
    drivers: new Map(readErgastTable('drivers').map((driver) => [driver.driverId, driver.driverRef])),
    constructors: new Map(
      readErgastTable('constructors').map((constructor) => [
        constructor.constructorId,
        constructor.constructorRef,
      ]),
    ),
  };
  const rowsOf = (
    table: 'driver_standings' | 'constructor_standings',
    championship: StandingRow['championship'],
  ) =>
    readErgastTable(table).map((row): StandingRow => {
      const race = races.get(row.raceId)!;
      const id = championship === 'drivers' ? row.driverId : row.constructorId;
      return {
        championship,
        season: Number(race.year),
        round: Number(race.round),
        ref: refs[championship].get(id)!,
        points: Number(row.points),
        position: row.position === '\\N' ? null : Number(row.position),
        wins: Number(row.wins),
      };
    });
  return [...rowsOf('driver_standings', 'drivers'), ...rowsOf('constructor_standings', 'constructors')];
}

export interface StandingsDifference {
  championship: StandingRow['championship'];
  season: number;
  round: number;
  kind: 'missing' | 'points or wins' | 'position';
  /** `season rN championship ref` */
  label: string;
}

/** Every published row the calculated tables do not reproduce, in season, round, championship, ref order. */
export function standingsDifferences(
  calculated: StandingRow[],
  published: StandingRow[],
): StandingsDifference[] {
  const key = (row: StandingRow) => `${row.championship} ${row.season} ${row.round} ${row.ref}`;
  const computed = new Map(calculated.map((row) => [key(row), row]));
  const differences: Array<StandingsDifference & { ref: string }> = [];
  for (const row of published) {
    const twin = computed.get(key(row));
    const kind = !twin
      ? 'missing'
      : twin.points !== row.points || twin.wins !== row.wins
        ? 'points or wins'
        : twin.position !== row.position
          ? 'position'
          : undefined;
    if (kind)
      differences.push({
        championship: row.championship,
        season: row.season,
        round: row.round,
        ref: row.ref,
        kind,
        label: `${row.season} r${row.round} ${row.championship} ${row.ref}`,
      });
  }
  differences.sort(
    (a, b) =>
      a.season - b.season ||
      a.round - b.round ||
      a.championship.localeCompare(b.championship) ||
      a.ref.localeCompare(b.ref),
  );
  return differences.map(({ ref: _ref, ...difference }) => difference);
}

/**
 * The differences docs/historical-standings.md lists: rows per season in 2003–2024 (any kind), and
 * position rows per season before 2003 as `drivers / constructors`.
 */
export function documentedStandingsDifferences(): {
  acceptanceRange: Record<number, number>;
  earlierEras: Record<number, string>;
} {
  // Cells may be padded (prettier aligns the tables): the patterns allow any spacing.
  const doc = readFileSync(join(ROOT, 'docs/historical-standings.md'), 'utf8');
  const acceptance = doc.slice(doc.indexOf('## 2003–2024'), doc.indexOf('## 1950–2002'));
  const earlier = doc.slice(doc.indexOf('## 1950–2002'));
  const acceptanceRange: Record<number, number> = {};
  for (const [, season, rows] of acceptance.matchAll(/^\|\s*(\d{4})\s*\|[^|]+\|\s*(\d+)\s*\|/gm))
    acceptanceRange[Number(season)] = (acceptanceRange[Number(season)] ?? 0) + Number(rows);
  const earlierEras: Record<number, string> = {};
  for (const [, season, drivers, constructors] of earlier.matchAll(/\|\s*(\d{4})\s*\|\s*(\d+) \/ (\d+)\s/g))
    earlierEras[Number(season)] = `${drivers} / ${constructors}`;
  return { acceptanceRange, earlierEras };
}
