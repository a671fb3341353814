import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { rawRecordSchema } from '@slipstream/contracts';

import { JolpicaClient } from './jolpica-client';
import { jolpicaPath } from './jolpica-paths';
import { jolpicaRawRecords } from './jolpica-raw-records';
import { JolpicaFixtureServer } from './testing/jolpica-fixture-server';
import { VirtualClock } from './testing/virtual-clock';

let server: JolpicaFixtureServer;
let client: JolpicaClient;

beforeEach(async () => {
  const clock = new VirtualClock();
  server = new JolpicaFixtureServer({ clock });
  client = new JolpicaClient({ baseUrl: await server.start(), clock, pageSize: 30 });
});

afterEach(() => server.stop());

async function rawRecordsOf(
  resource: 'results' | 'drivers',
  query: { season: number; round?: number },
  receivedAt: string,
) {
  const records = [];
  for await (const page of client.pages(resource, query))
    records.push(...jolpicaRawRecords(resource, page, receivedAt));
  return records;
}

describe('Jolpica pages as RAW records', () => {
  it('one record per MRData item, exactly as received, keyed by its natural key', async () => {
    const [first, second, third] = await rawRecordsOf(
      'results',
      { season: 2023 },
      '2026-08-20T10:00:00.000Z',
    );

    expect(
      [first, second, third].map((raw) => [
        raw.record.key,
        (raw.record.payload as { Results: unknown[] }).Results.length,
      ]),
    ).toEqual([
      ['2023/1', 20],
      ['2023/5', 10],
      ['2023/5', 10],
    ]);
    expect(rawRecordSchema.parse(first.record)).toMatchObject({
      source: 'jolpica',
      resource: 'results',
      meta: { offset: 0, limit: 30, total: 60, index: 0 },
    });
  });

  it('gives the same message ids when the same data is fetched again, so a re-run publishes nothing new', async () => {
    const first = await rawRecordsOf('drivers', { season: 2023 }, '2026-08-20T10:00:00.000Z');
    const again = await rawRecordsOf('drivers', { season: 2023 }, '2026-08-21T10:00:00.000Z');

    expect(again.map((raw) => raw.messageId)).toEqual(first.map((raw) => raw.messageId));
    expect(first[0].messageId).toMatch(/^jolpica:drivers:albon:[0-9a-f]{32}$/);
    expect(new Set(first.map((raw) => raw.messageId)).size).toBe(22);
  });
});

describe('Jolpica paths', () => {
  it.each([
    ['races', { season: 2023 }, '/2023/races.json'],
    ['results', { season: 2023, round: 1 }, '/2023/1/results.json'],
    ['seasons', {}, '/seasons.json'],
    ['driverstandings', { season: 1980, round: 14 }, '/1980/14/driverstandings.json'],
  ] as const)('%s %o → %s', (resource, query, path) => {
    expect(jolpicaPath(resource, query)).toBe(path);
  });

  it('refuses a query Jolpica cannot serve', () => {
    expect(() => jolpicaPath('laps', { season: 2023 })).toThrow('laps only for a round');
    expect(() => jolpicaPath('driverstandings', {})).toThrow('driverstandings only for a season');
  });
});
