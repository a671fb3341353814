import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { rawRecordSchema } from '@slipstream/contracts';
import { ErgastReferenceIndex, ergastRowToEvents } from '@slipstream/historical';

import {
  ErgastCsvReader,
  type ErgastCsvReaderOptions,
  type ErgastCsvRecord,
  type SkippedCsvLine,
} from './ergast-csv-reader';

const FIXTURE_SET = resolve(__dirname, '../../../../libs/historical/fixtures/ergast-csv');
const receivedAt = '2025-10-16T06:12:00.000Z';

async function readAll(directory: string, options: ErgastCsvReaderOptions = {}) {
  const reader = new ErgastCsvReader(directory, { receivedAt, ...options });
  const records: ErgastCsvRecord[] = [];
  for await (const record of reader.records()) records.push(record);
  return { reader, records };
}

let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ergast-csv-'));
});
afterEach(() => rm(scratch, { recursive: true, force: true }));

const csvOf = async (table: string) =>
  gunzipSync(await readFile(join(FIXTURE_SET, `${table}.csv.gz`))).toString('utf8');

describe('the Ergast CSV reader', () => {
  it('streams every table of the set and counts its rows (the PROVENANCE.md counts), lap_times being absent', async () => {
    const { reader, records } = await readAll(FIXTURE_SET);

    expect(Object.fromEntries(reader.rowCounts)).toEqual({
      status: 139,
      seasons: 76,
      circuits: 77,
      races: 1149,
      drivers: 864,
      constructors: 212,
      results: 27118,
      qualifying: 10854,
      sprint_results: 420,
      pit_stops: 12016,
      driver_standings: 35235,
      constructor_standings: 13571,
      constructor_results: 12805,
    });
    expect(reader.missingTables).toEqual(['lap_times']);
    expect(records).toHaveLength(114_536);
    expect(new Set(records.map((record) => record.messageId)).size).toBe(records.length);
  });

  it('holds each row exactly as parsed, with its file and line, as a valid RAW record', async () => {
    const { records } = await readAll(FIXTURE_SET, { tables: ['results'] });

    expect(records[0]).toEqual({
      table: 'results',
      messageId: expect.stringMatching(/^ergast:results:1:[0-9a-f]{32}$/),
      record: {
        source: 'ergast',
        resource: 'results',
        key: '1',
        receivedAt,
        meta: { file: 'results.csv.gz', line: 2 },
        payload: {
          resultId: '1',
          raceId: '18',
          driverId: '1',
          constructorId: '1',
          number: '22',
          grid: '1',
          position: '1',
          positionText: '1',
          positionOrder: '1',
          points: '10',
          laps: '58',
          time: '1:34:50.616',
          milliseconds: '5690616',
          fastestLap: '39',
          rank: '2',
          fastestLapTime: '1:27.452',
          fastestLapSpeed: '218.3',
          statusId: '1',
        },
      },
    });
    expect(() => rawRecordSchema.parse(records[0].record)).not.toThrow();
  });

  it('gives every row the same message id on every import, and only a changed row a new one', async () => {
    await writeFile(join(scratch, 'status.csv'), await csvOf('status'));
    const first = await readAll(scratch);
    await writeFile(
      join(scratch, 'status.csv'),
      (await csvOf('status')).replace('"Engine"', '"Engine failure"'),
    );
    const edited = await readAll(scratch, { receivedAt: '2026-01-01T00:00:00.000Z' });

    const changed = edited.records.filter(
      (record, index) => record.messageId !== first.records[index].messageId,
    );
    expect(changed.map((record) => record.record.key)).toEqual(['5']);
  });

  it('reads plain .csv as it reads .csv.gz', async () => {
    await writeFile(join(scratch, 'seasons.csv'), await csvOf('seasons'));
    const plain = await readAll(scratch);
    const gzipped = await readAll(FIXTURE_SET, { tables: ['seasons'] });

    expect(plain.records.map((record) => [record.messageId, record.record.payload])).toEqual(
      gzipped.records.map((record) => [record.messageId, record.record.payload]),
    );
  });

  it('reads the 2025 races rows, which stop after url, with the session columns absent', async () => {
    const { records } = await readAll(FIXTURE_SET, { tables: ['races', 'circuits'] });
    const rows = (table: string) =>
      records
        .filter((record) => record.table === table)
        .map((record) => record.record.payload as Record<string, string>);
    const singapore2025 = rows('races').find((row) => row.raceId === '1162')!;

    expect(singapore2025).toEqual({
      raceId: '1162',
      year: '2025',
      round: '18',
      circuitId: '15',
      name: 'Singapore Grand Prix',
      date: '2025-10-05',
      time: '12:00:00',
      url: 'https://en.wikipedia.org/wiki/2025_Singapore_Grand_Prix',
    });
    const reference = ErgastReferenceIndex.fromTables({ circuits: rows('circuits') });
    const [event] = ergastRowToEvents('races', singapore2025, { recordedAt: receivedAt, reference });
    expect(event.data).toMatchObject({
      season: 2025,
      round: 18,
      circuitRef: 'marina_bay',
      sessions: { firstPractice: null, sprint: null },
    });
  });

  it('skips a line the parser cannot read, reporting table, line and reason, and reads on', async () => {
    await writeFile(
      join(scratch, 'status.csv'),
      'statusId,status\n1,"Finished"\n2,"Disqual"ified"\n3,"Accident"\n',
    );
    const skipped: SkippedCsvLine[] = [];

    const { reader, records } = await readAll(scratch, { onSkippedLine: (line) => skipped.push(line) });

    expect(records.map((record) => record.record.key)).toEqual(['1', '3']);
    expect(skipped).toMatchObject([
      { table: 'status', line: 3, reason: expect.stringContaining('Invalid Closing Quote') },
    ]);
    expect(reader.skippedCounts.get('status')).toBe(1);
  });

  it('fails clearly when a gzipped table is corrupt', async () => {
    await writeFile(join(scratch, 'status.csv.gz'), 'not gzip at all');

    await expect(readAll(scratch)).rejects.toThrow(/incorrect header check/);
  });
});
