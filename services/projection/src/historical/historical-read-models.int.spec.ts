import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { applyMigrations, insertRows, queryRows } from '@slipstream/clickhouse';
import { type AnyEvent, type HistoricalEvent } from '@slipstream/contracts';
import { calculatedStandingsEvents } from '@slipstream/historical';

import { ProjectorRegistry } from '../core/projector-registry';
import { startTestClickHouse, type TestClickHouse } from '../testing/test-clickhouse';
import { historicalMigrations, historicalProjectors } from './historical.read-models';
import { season2023Events } from './testing/historical-events';

/*
 * The historical read models in a real ClickHouse (embedded chDB, or a server when CLICKHOUSE_URL
 * is set), filled with the 2023 season as the CSV set states it, laps from Jolpica, slipstream's
 * calculated standings and the official decisions.
 */

const registry = new ProjectorRegistry(historicalProjectors);
let clickhouse: TestClickHouse;
let events: HistoricalEvent[];

async function project(batch: HistoricalEvent[], token: string): Promise<void> {
  const byTable = new Map<string, Array<Record<string, unknown>>>();
  for (const { table, row } of batch.flatMap((event) => registry.project(event as AnyEvent))) {
    const rows = byTable.get(table) ?? [];
    byTable.set(table, rows);
    rows.push(row);
  }
  for (const [table, rows] of byTable)
    await insertRows(clickhouse.client, table, rows, { deduplicationToken: `${token}:${table}` });
}

/** 64-bit counts arrive as text from a server and as numbers from chDB; the tests compare numbers. */
async function rowsOf(
  query: string,
  params: Record<string, unknown> = {},
): Promise<Array<Record<string, unknown>>> {
  const rows = await queryRows<Record<string, unknown>>(clickhouse.client, query, params);
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
      ]),
    ),
  );
}
const countFinal = async (table: string) =>
  Number((await rowsOf(`SELECT count() AS n FROM ${table} FINAL`))[0].n);

beforeAll(async () => {
  clickhouse = await startTestClickHouse('historical');
  events = season2023Events();
}, 120_000);

afterAll(async () => {
  await clickhouse?.dispose();
});

describe('historical read models in ClickHouse', () => {
  it('migrate once: versions 100–104, and a second run applies nothing', async () => {
    expect(await applyMigrations(clickhouse.client, historicalMigrations)).toEqual({
      applied: [100, 101, 102, 103, 104],
      alreadyApplied: [],
    });
    expect(await applyMigrations(clickhouse.client, historicalMigrations)).toEqual({
      applied: [],
      alreadyApplied: [100, 101, 102, 103, 104],
    });
  });

  it('hold one row per fact: the CSV row counts for 2023', async () => {
    await project(events, 'first-delivery');

    expect({
      races: await countFinal('hist_races'),
      sessions: await countFinal('hist_race_sessions'),
      results: await countFinal('hist_race_results'),
      sprint: await countFinal('hist_sprint_results'),
      qualifying: await countFinal('hist_qualifying_results'),
      pitStops: await countFinal('hist_pit_stops'),
      laps: await countFinal('hist_lap_times'),
      driverStandings: await countFinal('hist_driver_standings'),
      constructorStandings: await countFinal('hist_constructor_standings'),
      constructorResults: await countFinal('hist_constructor_race_results'),
      drivers: await countFinal('hist_drivers'),
      adjustments: await countFinal('hist_standings_adjustments'),
    }).toEqual({
      races: 22,
      sessions: 22 * 7,
      results: 440,
      sprint: 120,
      qualifying: 440,
      pitStops: 912,
      laps: 100,
      driverStandings: 462 * 2,
      constructorStandings: 220 * 2,
      constructorResults: 220,
      drivers: 864,
      adjustments: 7,
    });
  });

  it('stay the same when everything is delivered again in other batches', async () => {
    await project([...events].reverse(), 'redelivery');

    expect(await countFinal('hist_race_results')).toBe(440);
    expect(await countFinal('hist_driver_standings')).toBe(924);
  });

  it('agree: slipstream’s standings equal the published ones after every 2023 round', async () => {
    const disagreements = await rowsOf(`
      SELECT p.round, p.driver_ref FROM
        (SELECT * FROM hist_driver_standings FINAL WHERE origin = 'published') AS p
        INNER JOIN (SELECT * FROM hist_driver_standings FINAL WHERE origin = 'calculated') AS c USING (season, round, driver_ref)
      WHERE p.points != c.points OR p.position != c.position OR p.wins != c.wins`);

    expect(disagreements).toEqual([]);
  });

  it('driver season performance: Verstappen 2023', async () => {
    const [verstappen] = await rowsOf(
      `SELECT * FROM mart_driver_season_performance WHERE season = 2023 AND driver_ref = {driver:String}`,
      { driver: 'max_verstappen' },
    );

    expect(verstappen).toMatchObject({
      constructor_refs: ['red_bull'],
      races: 22,
      points: 575,
      sprint_points: 45,
      wins: 19,
      podiums: 21,
      poles: 12,
      fastest_laps: 9,
      dnfs: 0,
      best_finish: 1,
      championship_points: 575,
      championship_position: 1,
    });
    expect(Number(verstappen.average_finish)).toBeCloseTo(28 / 22, 6);
  });

  it('constructor season performance: Red Bull 2023', async () => {
    const [redBull] = await rowsOf(
      `SELECT * FROM mart_constructor_season_performance WHERE season = 2023 AND constructor_ref = 'red_bull'`,
    );

    expect(redBull).toMatchObject({
      races: 22,
      points: 860,
      wins: 21,
      podiums: 30,
      championship_points: 860,
      championship_position: 1,
    });
    expect(Number(redBull.one_twos)).toBeGreaterThan(0);
  });

  it('standings progression: what each round added, for the published and the calculated table', async () => {
    const rows = await rowsOf(`
      SELECT origin, round, race_name, points, points_gained, previous_position, position FROM mart_standings_progression
      WHERE championship = 'drivers' AND season = 2023 AND entrant_ref = 'perez' AND round <= 2 ORDER BY origin, round`);

    expect(rows).toEqual([
      {
        origin: 'calculated',
        round: 1,
        race_name: 'Bahrain Grand Prix',
        points: 18,
        points_gained: 18,
        previous_position: null,
        position: 2,
      },
      {
        origin: 'calculated',
        round: 2,
        race_name: 'Saudi Arabian Grand Prix',
        points: 43,
        points_gained: 25,
        previous_position: 2,
        position: 2,
      },
      {
        origin: 'published',
        round: 1,
        race_name: 'Bahrain Grand Prix',
        points: 18,
        points_gained: 18,
        previous_position: null,
        position: 2,
      },
      {
        origin: 'published',
        round: 2,
        race_name: 'Saudi Arabian Grand Prix',
        points: 43,
        points_gained: 25,
        previous_position: 2,
        position: 2,
      },
    ]);
  });

  it('teammate head-to-head: Verstappen ahead of Pérez in 20 of 22 races and 20 qualifyings', async () => {
    const [head] = await rowsOf(`
      SELECT races_together, race_ahead, race_behind, qualifying_ahead, points, teammate_points FROM mart_teammate_head_to_head
      WHERE season = 2023 AND driver_ref = 'max_verstappen' AND teammate_ref = 'perez'`);

    expect(head).toEqual({
      races_together: 22,
      race_ahead: 20,
      race_behind: 2,
      qualifying_ahead: 20,
      points: 530,
      teammate_points: 260,
    });
  });

  it('pit stop performance: Red Bull in Bahrain 2023, four stops, the fastest 24.264 s', async () => {
    const [bahrain] = await rowsOf(
      `SELECT * FROM mart_pit_stop_performance WHERE season = 2023 AND round = 1 AND constructor_ref = 'red_bull'`,
    );

    expect(bahrain).toMatchObject({ stops: 4, timed_stops: 4, fastest_ms: 24264, median_ms: 24599.5 });
  });

  it('calculated standings: a calculation redelivered after a later one does not replace it, even recorded in the same millisecond', async () => {
    const recordedAt = '2025-10-16T06:12:00.000Z';
    const standingAfter = (points: number, resultsCounted: number) =>
      calculatedStandingsEvents(
        [
          {
            season: 1971,
            round: 2,
            drivers: [{ ref: 'ickx', points, position: 2, positionText: '2', wins: 0 }],
            constructors: [],
          },
        ],
        { recordedAt, correlationId: 'standings:1971', causationId: null },
        resultsCounted,
      );
    const whole = standingAfter(12, 40);
    const partial = standingAfter(6, 31);
    // The whole set's calculation lands first; the earlier one is delivered again after it
    // (an ack lost under load), in an insert of its own.
    await project(whole, 'calculated-whole');
    await project(partial, 'calculated-partial-redelivered');

    expect(
      await rowsOf(
        `SELECT points FROM hist_driver_standings FINAL WHERE origin = 'calculated' AND season = 1971 AND round = 2 AND driver_ref = 'ickx'`,
      ),
    ).toEqual([{ points: 12 }]);
  });

  // ADR 0015: the history API reads race labels and cars by key, from tables written at projection time.
  it('label facts with their race and car in any order: a result before its race, a newer schedule before an older one', async () => {
    const moved = (type: string, recordedAt: string, data: Record<string, unknown>) => {
      const event = structuredClone(events.find((candidate) => candidate.type === type)!);
      return {
        ...event,
        id: `${event.id}:${recordedAt}`,
        recordedAt,
        data: { ...event.data, season: 1971, round: 9, ...data },
      } as HistoricalEvent;
    };
    const labels = () =>
      rowsOf(`SELECT joinGet('hist_race_labels', 'race_name', toUInt16(1971), toUInt8(9)) AS race_name,
        joinGet('hist_race_labels', 'circuit_ref', toUInt16(1971), toUInt8(9)) AS circuit_ref,
        joinGet('hist_race_cars', 'constructor_ref', toUInt16(1971), toUInt8(9), 'ickx') AS constructor_ref`);
    await project(
      [
        moved('RaceResultRecorded', '2025-01-01T00:00:00.000Z', {
          driverRef: 'ickx',
          constructorRef: 'ferrari',
        }),
      ],
      'label-result',
    );
    expect(await labels()).toEqual([{ race_name: '', circuit_ref: '', constructor_ref: 'ferrari' }]);

    await project(
      [
        moved('RaceScheduled', '2025-03-01T00:00:00.000Z', {
          raceName: 'Dutch Grand Prix',
          circuitRef: 'zandvoort',
        }),
      ],
      'label-race-newer',
    );
    await project(
      [moved('RaceScheduled', '2025-02-01T00:00:00.000Z', { raceName: 'Older name', circuitRef: 'old' })],
      'label-race-older',
    );
    const expected = { race_name: 'Dutch Grand Prix', circuit_ref: 'zandvoort', constructor_ref: 'ferrari' };
    expect(await labels()).toEqual([expected]);
    expect(
      await rowsOf(`SELECT race_name, circuit_ref FROM hist_races FINAL WHERE season = 1971 AND round = 9`),
    ).toEqual([{ race_name: expected.race_name, circuit_ref: expected.circuit_ref }]);

    // Delivered again after a crash, in one batch with the older one: the same labels.
    await project(
      [
        moved('RaceScheduled', '2025-03-01T00:00:00.000Z', {
          raceName: 'Dutch Grand Prix',
          circuitRef: 'zandvoort',
        }),
        moved('RaceScheduled', '2025-02-01T00:00:00.000Z', { raceName: 'Older name', circuitRef: 'old' }),
      ],
      'label-race-redelivered',
    );
    expect(await labels()).toEqual([expected]);
  });

  it.skipIf(process.env.CLICKHOUSE_URL)(
    'migration 104 labels what a store already holds (embedded: a second database in the same session)',
    async () => {
      const existing = `${clickhouse.database}_before_labels`;
      await clickhouse.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${existing}` });
      await clickhouse.client.command({ query: `USE ${existing}` });
      try {
        await applyMigrations(
          clickhouse.client,
          historicalMigrations.filter((migration) => migration.version < 104),
        );
        const rows = events
          .filter((event) => event.type === 'RaceScheduled' || event.type === 'RaceResultRecorded')
          .flatMap((event) => registry.project(event as AnyEvent))
          .filter(({ table }) => !table.endsWith('_in'));
        for (const table of ['hist_races', 'hist_race_results'])
          await insertRows(
            clickhouse.client,
            table,
            rows.filter((row) => row.table === table).map(({ row }) => row),
          );
        expect((await applyMigrations(clickhouse.client, historicalMigrations)).applied).toEqual([104]);
        expect(
          await rowsOf(`SELECT countIf(joinGet('hist_race_labels', 'race_name', season, round) != race_name) AS wrong,
            count() AS races FROM hist_races FINAL`),
        ).toEqual([{ wrong: 0, races: 22 }]);
        expect(
          await rowsOf(`SELECT countIf(joinGet('hist_race_cars', 'constructor_ref', season, round, CAST(driver_ref AS String)) != constructor_ref) AS wrong
            FROM hist_race_results FINAL`),
        ).toEqual([{ wrong: 0 }]);
      } finally {
        await clickhouse.client.command({ query: `USE ${clickhouse.database}` });
      }
    },
  );
});
