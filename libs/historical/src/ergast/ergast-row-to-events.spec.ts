import { describe, expect, it } from 'vitest';

import { InvalidSourceRecordError } from '../source-fields';
import { ergastFixtureReference, readErgastTable } from '../testing/historical-fixtures';
import { ERGAST_TABLES, ergastRowToEvents } from './ergast-row-to-events';

const reference = ergastFixtureReference();
const context = { recordedAt: '2025-10-16T06:12:00.000Z', reference };
const row = (table: string, matches: (row: Record<string, string>) => boolean) =>
  readErgastTable(table).find(matches)!;

describe('Ergast CSV rows to events', () => {
  it('states the 2023 Bahrain GP win as a race result keyed by season, round, driver and car', () => {
    const [event] = ergastRowToEvents(
      'results',
      row('results', (r) => r.resultId === '25846'),
      context,
    );

    expect(event).toMatchObject({
      type: 'RaceResultRecorded',
      version: 1,
      source: 'ergast',
      occurredAt: '2023-03-05T15:00:00.000Z',
      recordedAt: '2025-10-16T06:12:00.000Z',
      data: {
        season: 2023,
        round: 1,
        driverRef: 'max_verstappen',
        constructorRef: 'red_bull',
        carNumber: 1,
        grid: 1,
        position: 1,
        positionText: '1',
        positionOrder: 1,
        points: 25,
        laps: 57,
        timeMs: 5_636_736,
        fastestLapNumber: 44,
        fastestLapRank: 6,
        fastestLapTimeMs: 96_236,
        fastestLapAverageSpeedKph: 202.452,
        status: 'Finished',
      },
    });
  });

  it('reads \\N as null: Piastri retired from the 2023 Bahrain GP unclassified and untimed', () => {
    const [event] = ergastRowToEvents(
      'results',
      row('results', (r) => r.resultId === '25865'),
      context,
    );

    expect(event.data).toMatchObject({
      driverRef: 'piastri',
      position: null,
      positionText: 'R',
      positionOrder: 20,
      timeMs: null,
      status: 'Electrical',
    });
  });

  it('names the fp2 columns of a 2023+ sprint weekend the sprint qualifying, and keeps them FP2 before', () => {
    const [baku2023] = ergastRowToEvents(
      'races',
      row('races', (r) => r.raceId === '1101'),
      context,
    );
    const [silverstone2021] = ergastRowToEvents(
      'races',
      row('races', (r) => r.raceId === '1061'),
      context,
    );

    expect(baku2023.data).toMatchObject({
      circuitRef: 'baku',
      sessions: {
        firstPractice: { date: '2023-04-28', time: '09:30:00' },
        secondPractice: null,
        thirdPractice: null,
        qualifying: { date: '2023-04-28', time: '13:00:00' },
        sprintQualifying: { date: '2023-04-29', time: '09:30:00' },
        sprint: { date: '2023-04-29', time: '13:30:00' },
      },
    });
    expect(silverstone2021.data).toMatchObject({
      sessions: {
        secondPractice: { date: '2021-07-17', time: null },
        sprintQualifying: null,
        sprint: { date: '2021-07-17', time: null },
      },
    });
  });

  it('gives a row the same id on every import, and a corrected row the same id with the new data', () => {
    const original = row('driver_standings', (r) => r.driverStandingsId === '1');
    const [first] = ergastRowToEvents('driver_standings', original, context);
    const [again] = ergastRowToEvents(
      'driver_standings',
      { ...original },
      { ...context, recordedAt: '2026-01-01T00:00:00.000Z' },
    );
    const [corrected] = ergastRowToEvents('driver_standings', { ...original, points: '12' }, context);

    expect(again.id).toBe(first.id);
    expect(corrected.id).toBe(first.id);
    expect(corrected.data).toMatchObject({ points: 12 });
  });

  it('maps every row of every table in the set to exactly one event', () => {
    for (const table of ERGAST_TABLES.filter((name) => name !== 'lap_times')) {
      const rows = readErgastTable(table);
      const events = rows.flatMap((r) => ergastRowToEvents(table, r, context));
      expect({ table, events: events.length }).toEqual({ table, events: rows.length });
      expect(new Set(events.map((event) => event.id)).size, `${table} ids are unique`).toBe(rows.length);
    }
  });

  it('maps a lap_times row (the set lacks the table; this is Verstappen lap 1, Bahrain 2023, in its columns)', () => {
    const [event] = ergastRowToEvents(
      'lap_times',
      { raceId: '1098', driverId: '830', lap: '1', position: '1', time: '1:39.019', milliseconds: '99019' },
      context,
    );

    expect(event).toMatchObject({
      type: 'LapTimeRecorded',
      data: { season: 2023, round: 1, driverRef: 'max_verstappen', lap: 1, position: 1, timeMs: 99_019 },
    });
  });

  describe('rows that cannot be events throw naming the field, for the dead-letter queue', () => {
    const winner = row('results', (r) => r.resultId === '25846');

    it('a malformed value', () => {
      expect(() => ergastRowToEvents('results', { ...winner, grid: 'pole' }, context)).toThrow(
        new InvalidSourceRecordError('ergast results row', 'grid', 'must be an integer, got "pole"'),
      );
    });

    it('a missing required value', () => {
      expect(() => ergastRowToEvents('results', { ...winner, laps: '\\N' }, context)).toThrow(
        'ergast results row: field "laps" is missing',
      );
    });

    it('a reference to a race the races table does not have', () => {
      expect(() => ergastRowToEvents('results', { ...winner, raceId: '99999' }, context)).toThrow(
        'field "raceId" refers to 99999, which is not in races',
      );
    });

    it('a value the event schema refuses', () => {
      expect(() =>
        ergastRowToEvents(
          'drivers',
          { ...row('drivers', (r) => r.driverRef === 'hamilton'), code: 'HAMI' },
          context,
        ),
      ).toThrow(/code/);
    });

    it('a table that is not part of the Ergast schema', () => {
      expect(() => ergastRowToEvents('red_flags', {}, context)).toThrow(
        'field "table" "red_flags" is not an Ergast table',
      );
    });
  });
});
