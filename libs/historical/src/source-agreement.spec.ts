import { describe, expect, it } from 'vitest';

import { type HistoricalEvent } from '@slipstream/contracts';

import { ERGAST_TABLES, ergastRowToEvents } from './ergast/ergast-row-to-events';
import { jolpicaItemToEvents } from './jolpica/jolpica-item-to-events';
import {
  ergastFixtureReference,
  jolpicaItems,
  readErgastTable,
  readJolpicaResponse,
} from './testing/historical-fixtures';

/*
 * A 2023 fact is one fact whichever source brought it: the Ergast CSV set (as of October 2025)
 * and Jolpica's responses for 2023 must name it with the same id and, where the sources have not
 * revised it since, state it with the same data.
 */

const reference = ergastFixtureReference();
const races2023 = new Set(
  readErgastTable('races')
    .filter((race) => race.year === '2023')
    .map((race) => race.raceId),
);
const csvEvents = new Map<string, HistoricalEvent>();
for (const table of ERGAST_TABLES.filter((name) => name !== 'lap_times')) {
  for (const row of readErgastTable(table)) {
    if (row.raceId !== undefined && !races2023.has(row.raceId)) continue;
    for (const event of ergastRowToEvents(table, row, { recordedAt: '2025-10-16T06:12:00.000Z', reference }))
      csvEvents.set(event.id, event);
  }
}

function jolpicaEvents(resource: string, path: string): HistoricalEvent[] {
  return jolpicaItems(readJolpicaResponse(path)).flatMap((item) =>
    jolpicaItemToEvents(resource, item, { recordedAt: '2026-08-20T10:00:00.000Z' }),
  );
}

/** For each Jolpica event: its CSV twin by id, and the data fields on which the two differ. */
function compareWithCsv(events: HistoricalEvent[]) {
  return events.map((event) => {
    const twin = csvEvents.get(event.id);
    const data = event.data as Record<string, unknown>;
    const twinData = (twin?.data ?? {}) as Record<string, unknown>;
    const differing = Object.keys(data).filter(
      (field) => JSON.stringify(data[field]) !== JSON.stringify(twinData[field]),
    );
    return {
      event,
      twin,
      differing,
      label: String(data.driverRef ?? data.constructorRef ?? data.circuitRef ?? data.status ?? data.round),
    };
  });
}

const revisedFields = (comparisons: ReturnType<typeof compareWithCsv>) =>
  Object.fromEntries(comparisons.filter((c) => c.differing.length > 0).map((c) => [c.label, c.differing]));

describe('the Ergast CSV and the Jolpica API state the same 2023 facts', () => {
  it('with the same ids, for every 2023 fact in the recorded responses (laps aside: the CSV set has no lap_times)', () => {
    const responses: Array<[string, string]> = [
      ['races', 'jolpica-api-json-2023-live/2023.json'],
      ['results', 'jolpica-api-json-2023-live/2023@1@results.json'],
      ['results', 'jolpica-api-json-2023-live/2023@5@results.json'],
      ['results', 'jolpica-ergast-json-2023/results/2023@results.json'],
      ['results', 'jolpica-ergast-json-2023/results/2023@9@results.json'],
      ['sprint', 'jolpica-ergast-json-2023/sprint/2023@sprint.json'],
      ['qualifying', 'jolpica-ergast-json-2023/qualifying/2023@qualifying.json'],
      ['pitstops', 'jolpica-ergast-json-2023/pitstops/2023@18@pitstops.json'],
      ['drivers', 'jolpica-api-json-2023-live/2023@drivers.json'],
      ['constructors', 'jolpica-ergast-json-2023/constructors/2023@constructors.json'],
      ['circuits', 'jolpica-ergast-json-2023/circuits/2023@circuits.json'],
      ['seasons', 'jolpica-ergast-json-2023/seasons/2023@seasons.json'],
      ['status', 'jolpica-ergast-json-2023/status/2023@status.json'],
      ['driverstandings', 'jolpica-ergast-json-2023/driverstandings/2023@22@driverstandings.json'],
      [
        'constructorstandings',
        'jolpica-ergast-json-2023/constructorstandings/2023@22@constructorstandings.json',
      ],
    ];
    const comparisons = responses.flatMap(([resource, path]) =>
      compareWithCsv(jolpicaEvents(resource, path)),
    );
    const withoutTwin = comparisons.filter((c) => !c.twin).map((c) => `${c.event.type} ${c.label}`);

    expect(comparisons.length).toBe(298);
    // Jolpica added statuses after the CSV's status table was cut: Lapped (143) and Did not start (142).
    expect(withoutTwin).toEqual([
      'FinishingStatusRegistered Lapped',
      'FinishingStatusRegistered Did not start',
    ]);
  });

  it('the 2023 schedule: identical, every session of all 22 rounds', () => {
    const comparisons = compareWithCsv(jolpicaEvents('races', 'jolpica-api-json-2023-live/2023.json'));

    expect(comparisons).toHaveLength(22);
    expect(
      comparisons.every(
        (c) => c.twin && c.differing.length === 0 && c.twin.occurredAt === c.event.occurredAt,
      ),
    ).toBe(true);
  });

  it('the Bahrain GP results: identical but where Jolpica has since revised statuses and timed the lapped cars', () => {
    const comparisons = compareWithCsv(
      jolpicaEvents('results', 'jolpica-api-json-2023-live/2023@1@results.json'),
    );
    const lapped = ['sargeant', 'kevin_magnussen', 'de_vries', 'hulkenberg', 'zhou', 'norris'];

    expect(comparisons.filter((c) => c.differing.length === 0)).toHaveLength(11);
    expect(revisedFields(comparisons)).toEqual({
      ...Object.fromEntries(lapped.map((driver) => [driver, ['timeMs', 'status']])),
      ocon: ['status'],
      leclerc: ['status'],
      piastri: ['status'],
    });
    const norris = comparisons.find((c) => c.label === 'norris')!;
    expect([norris.twin!.data, norris.event.data]).toMatchObject([
      { status: '+2 Laps', timeMs: null },
      { status: 'Lapped', timeMs: 5_643_372 },
    ]);
  });

  it('the Azerbaijan sprint and qualifying: identical but for one withdrawal and one Q1 time the CSV lacks', () => {
    const sprint = compareWithCsv(jolpicaEvents('sprint', 'jolpica-api-json-2023-live/2023@4@sprint.json'));
    const qualifying = compareWithCsv(
      jolpicaEvents('qualifying', 'jolpica-api-json-2023-live/2023@4@qualifying.json'),
    );

    expect(revisedFields(sprint)).toEqual({ sargeant: ['positionText'] });
    expect(revisedFields(qualifying)).toEqual({ de_vries: ['q1Ms'] });
  });

  it('the standings after the final round: identical, drivers and constructors', () => {
    const drivers = compareWithCsv(
      jolpicaEvents(
        'driverstandings',
        'jolpica-ergast-json-2023/driverstandings/2023@22@driverstandings.json',
      ),
    );
    const constructors = compareWithCsv(
      jolpicaEvents(
        'constructorstandings',
        'jolpica-ergast-json-2023/constructorstandings/2023@22@constructorstandings.json',
      ),
    );

    expect([drivers.length, constructors.length]).toEqual([22, 10]);
    expect(revisedFields([...drivers, ...constructors])).toEqual({});
  });

  it('the drivers: the same facts, with the permanent numbers Norris and Verstappen took after 2025', () => {
    const comparisons = compareWithCsv(
      jolpicaEvents('drivers', 'jolpica-api-json-2023-live/2023@drivers.json'),
    );

    expect(revisedFields(comparisons)).toEqual({
      norris: ['permanentNumber'],
      max_verstappen: ['permanentNumber'],
    });
    expect(comparisons.find((c) => c.label === 'norris')!.event.data).toMatchObject({ permanentNumber: 1 });
  });
});
