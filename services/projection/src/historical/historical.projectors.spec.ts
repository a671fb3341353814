import { describe, expect, it } from 'vitest';

import { type AnyEvent, type HistoricalEvent } from '@slipstream/contracts';
import { jolpicaItemToEvents, officialDecisionEvents } from '@slipstream/historical';

import { ProjectorRegistry } from '../core/projector-registry';
import { historicalMigrations, historicalProjectors } from './historical.read-models';
import { jolpicaMrDataItems, season2023Events } from './testing/historical-events';

const registry = new ProjectorRegistry(historicalProjectors);
const events2023 = season2023Events();
const csvEvents = events2023.filter((event) => event.source === 'ergast');
const one = (type: string, matches: (data: Record<string, unknown>) => boolean) =>
  csvEvents.find((event) => event.type === type && matches(event.data as Record<string, unknown>))!;

/** The columns each CREATE TABLE declares, so every projected row can be checked against its table. */
const TABLE_COLUMNS = new Map(
  historicalMigrations
    .flatMap((migration) => migration.statements)
    .map((statement) => /CREATE TABLE IF NOT EXISTS (\w+) \(([\s\S]*?)\) ENGINE/.exec(statement))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, table, body]) => [
      table,
      body
        .split(/,(?![^()]*\))/)
        .map((column) => column.trim().split(/\s/)[0])
        .sort(),
    ]),
);

describe('historical projectors', () => {
  it('fill every column of their tables, and nothing else: 2023 from the CSV, Jolpica laps, decisions', () => {
    const rows = events2023.flatMap((event) => registry.project(event as AnyEvent));
    const tables = new Set(rows.map((row) => row.table));

    expect([...tables].sort()).toEqual([...TABLE_COLUMNS.keys()].sort());
    for (const { table, row } of rows)
      expect({ table, columns: Object.keys(row).sort() }).toEqual({
        table,
        columns: TABLE_COLUMNS.get(table),
      });
  });

  it('a race result becomes its row, keyed by season, round, driver and car, versioned by when it was recorded', () => {
    const winner = one('RaceResultRecorded', (data) => data.round === 1 && data.position === 1);

    expect(registry.project(winner as AnyEvent)).toEqual([
      {
        table: 'hist_race_results',
        row: {
          season: 2023,
          round: 1,
          driver_ref: 'max_verstappen',
          constructor_ref: 'red_bull',
          car_number: 1,
          grid: 1,
          position: 1,
          position_text: '1',
          position_order: 1,
          points: 25,
          laps: 57,
          time_ms: 5_636_736,
          fastest_lap_number: 44,
          fastest_lap_rank: 6,
          fastest_lap_time_ms: 96_236,
          fastest_lap_average_speed_kph: 202.452,
          status: 'Finished',
          race_starts_at: '2023-03-05T15:00:00.000Z',
          event_id: winner.id,
          source: 'ergast',
          recorded_at: '2025-10-16T06:12:00.000Z',
          _version: Date.parse('2025-10-16T06:12:00.000Z'),
        },
      },
      {
        table: 'hist_race_cars_in',
        row: {
          season: 2023,
          round: 1,
          driver_ref: 'max_verstappen',
          constructor_ref: 'red_bull',
          _version: Date.parse('2025-10-16T06:12:00.000Z'),
        },
      },
    ]);
  });

  it('the same fact from Jolpica lands on the same key with a later version, so it replaces the CSV row', () => {
    const [fromJolpica] = jolpicaMrDataItems('jolpica-api-json-2023-live/2023@1@results.json').flatMap(
      (item) => jolpicaItemToEvents('results', item, { recordedAt: '2026-08-20T10:00:00.000Z' }),
    );
    const [csvRow] = registry.project(
      one('RaceResultRecorded', (data) => data.round === 1 && data.position === 1) as AnyEvent,
    );
    const [jolpicaRow] = registry.project(fromJolpica as AnyEvent);

    const key = (row: Record<string, unknown>) => [
      row.season,
      row.round,
      row.driver_ref,
      row.car_number,
      row.event_id,
    ];
    expect(key(jolpicaRow.row)).toEqual(key(csvRow.row));
    expect(jolpicaRow.row._version).toBeGreaterThan(csvRow.row._version as number);
  });

  it('a redelivered or replayed event projects to the very same rows', () => {
    const event = one('PitStopRecorded', (data) => data.round === 18) as AnyEvent;

    expect(registry.project(structuredClone(event))).toEqual(registry.project(event));
  });

  it('a race schedule becomes the race, one row per session kind, unscheduled ones included, and its label', () => {
    const baku = registry.project(one('RaceScheduled', (data) => data.round === 4) as AnyEvent);

    expect(baku[0].row).toMatchObject({
      race_name: 'Azerbaijan Grand Prix',
      circuit_ref: 'baku',
      starts_at: '2023-04-30T11:00:00.000Z',
      start_time_known: true,
    });
    expect(
      baku.slice(1, -1).map(({ table, row }) => [table, row.session, row.scheduled, row.starts_at]),
    ).toEqual([
      ['hist_race_sessions', 'first_practice', true, '2023-04-28T09:30:00.000Z'],
      ['hist_race_sessions', 'second_practice', false, null],
      ['hist_race_sessions', 'third_practice', false, null],
      ['hist_race_sessions', 'qualifying', true, '2023-04-28T13:00:00.000Z'],
      ['hist_race_sessions', 'sprint_qualifying', true, '2023-04-29T09:30:00.000Z'],
      ['hist_race_sessions', 'sprint', true, '2023-04-29T13:30:00.000Z'],
      ['hist_race_sessions', 'race', true, '2023-04-30T11:00:00.000Z'],
    ]);
    expect(baku.at(-1)).toEqual({
      table: 'hist_race_labels_in',
      row: {
        season: 2023,
        round: 4,
        race_name: 'Azerbaijan Grand Prix',
        circuit_ref: 'baku',
        _version: baku[0].row._version,
      },
    });
  });

  it('published and calculated standings share a table, told apart by origin', () => {
    const published = one(
      'DriverStandingPublished',
      (data) => data.round === 22 && data.driverRef === 'max_verstappen',
    );
    const calculated = events2023.find(
      (event) =>
        event.type === 'DriverStandingCalculated' &&
        event.data.round === 22 &&
        event.data.driverRef === 'max_verstappen',
    )!;
    const rowOf = (event: HistoricalEvent) => registry.project(event as AnyEvent)[0];

    expect(rowOf(published)).toMatchObject({
      table: 'hist_driver_standings',
      row: { origin: 'published', points: 575, position: 1, wins: 19 },
    });
    expect(rowOf(calculated)).toMatchObject({
      table: 'hist_driver_standings',
      row: { origin: 'calculated', points: 575, position: 1, wins: 19 },
    });
  });

  it('official decisions become adjustment rows with their reason and source', () => {
    const rows = officialDecisionEvents({ recordedAt: '2025-10-16T06:12:00.000Z' }).flatMap((event) =>
      registry.project(event as AnyEvent),
    );

    expect(
      rows.map(({ row }) => [
        row.kind,
        row.season,
        row.round,
        row.championship,
        row.entrant_ref,
        row.points_delta,
      ]),
    ).toEqual([
      ['disqualified', 1997, 17, 'drivers', 'michael_schumacher', null],
      ['excluded', 2007, 1, 'constructors', 'mclaren', null],
      ['points_adjusted', 2007, 11, 'constructors', 'mclaren', -15],
      ['points_adjusted', 2007, 14, 'constructors', 'mclaren', 15],
      ['result_corrected', 2011, 7, 'drivers', 'karthikeyan', null],
      ['re_entered', 2018, 13, 'constructors', 'force_india', null],
      ['points_adjusted', 2020, 5, 'constructors', 'racing_point', -15],
    ]);
    expect(rows[4].row).toMatchObject({
      reason: expect.stringMatching(/penalty .*\(classified 14 → 17\)$/),
    });
    expect(rows[6].row).toMatchObject({
      decided_at: '2020-08-07T00:00:00.000Z',
      reference: expect.stringContaining('Racing_Point_RP20'),
    });
  });

  it('refuse an event that does not match its schema, naming the field', () => {
    const winner = one('RaceResultRecorded', (data) => data.round === 1 && data.position === 1);
    const broken = { ...winner, data: { ...winner.data, points: 'twenty-five' } } as unknown as AnyEvent;

    expect(() => registry.project(broken)).toThrow(/points/);
  });

  it('leave events of other kinds alone', () => {
    expect(registry.project({ type: 'PipelineNoteRecorded' } as AnyEvent)).toEqual([]);
  });
});
