import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { parse } from 'csv-parse/sync';

import { type HistoricalEvent } from '@slipstream/contracts';
import {
  calculatedStandingsEvents,
  calculateSeasonStandings,
  ERGAST_REFERENCE_TABLES,
  ERGAST_TABLES,
  ErgastReferenceIndex,
  ergastRowToEvents,
  jolpicaItemToEvents,
  officialDecisionEvents,
} from '@slipstream/historical';

/** The real data of libs/historical/fixtures (see PROVENANCE.md there). */
const FIXTURES = resolve(__dirname, '../../../../../libs/historical/fixtures');

function ergastTable(table: string): Record<string, string>[] {
  const csv = gunzipSync(readFileSync(join(FIXTURES, 'ergast-csv', `${table}.csv.gz`)));
  return parse(csv, { columns: true, relax_column_count: true }) as Record<string, string>[];
}

/** Every event the Ergast CSV set states about 2023 (reference tables whole), as normalization would map them. */
export function ergastEvents2023(recordedAt = '2025-10-16T06:12:00.000Z'): HistoricalEvent[] {
  return ergastEventsOfSeason(2023, recordedAt);
}

/** Every event the Ergast CSV set states about one season (reference tables whole). */
export function ergastEventsOfSeason(
  season: number,
  recordedAt = '2025-10-16T06:12:00.000Z',
): HistoricalEvent[] {
  const year = String(season);
  const tables = new Map(
    ERGAST_TABLES.filter((table) => table !== 'lap_times').map((table) => [table, ergastTable(table)]),
  );
  const reference = ErgastReferenceIndex.fromTables(
    Object.fromEntries(ERGAST_REFERENCE_TABLES.map((table) => [table, tables.get(table)])),
  );
  const racesOfSeason = new Set(
    tables
      .get('races')!
      .filter((race) => race.year === year)
      .map((race) => race.raceId),
  );
  return [...tables].flatMap(([table, rows]) =>
    rows
      .filter((row) =>
        table === 'races' ? row.year === year : row.raceId === undefined || racesOfSeason.has(row.raceId),
      )
      .filter((row) => table !== 'seasons' || row.year === year)
      .flatMap((row) => ergastRowToEvents(table, row, { recordedAt, reference })),
  );
}

export function jolpicaMrDataItems(relativePath: string): unknown[] {
  const { MRData } = JSON.parse(readFileSync(join(FIXTURES, relativePath), 'utf8')) as {
    MRData: Record<string, unknown>;
  };
  const table = Object.entries(MRData).find(([key]) => key.endsWith('Table'))![1] as Record<string, unknown>;
  return Object.values(table).find(Array.isArray) as unknown[];
}

/**
 * 2023 as the read models receive it: the CSV set's facts, Jolpica's laps (the set has no
 * lap_times), slipstream's calculated standings and the official decisions.
 */
export function season2023Events(): HistoricalEvent[] {
  const csv = ergastEvents2023();
  const dataOf = (type: string) =>
    csv.filter((event) => event.type === type).map((event) => event.data as never);
  const standings = calculateSeasonStandings({
    season: 2023,
    raceResults: dataOf('RaceResultRecorded'),
    sprintResults: dataOf('SprintResultRecorded'),
  });
  const laps = jolpicaMrDataItems('jolpica-api-json-2023-live/2023@1@laps.json^limit=1200').flatMap((item) =>
    jolpicaItemToEvents('laps', item, { recordedAt: '2026-08-20T10:00:00.000Z' }),
  );
  const context = { recordedAt: '2025-10-16T06:12:00.000Z' };
  return [
    ...csv,
    ...calculatedStandingsEvents(standings, context),
    ...laps,
    ...officialDecisionEvents(context),
  ];
}
