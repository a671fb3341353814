import { jetstream } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';

import { queryRows } from '@slipstream/clickhouse';
import { HEADERS, type HistoricalEvent, historicalEventSubject } from '@slipstream/contracts';
import {
  calculateSeasonStandings,
  type Classification,
  ergastRowToEvents,
  officialAdjustmentsFor,
} from '@slipstream/historical';
import { connectToNats, JetStreamPublisher } from '@slipstream/messaging';
import {
  createTempDir,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
  waitForConsumerDrained,
} from '@slipstream/testing';

import {
  ergastFixtureReference,
  readErgastTable,
} from '../../libs/historical/src/testing/historical-fixtures';
import { historicalPipelineDrained } from '../e2e/historical-pipeline';
import { bootService, clickhouseOf } from '../e2e/livetiming-pipeline';

/*
 * Championship standings are a function of the set of results, whatever their order. Two seasons
 * (1971: best five of the first six and best four of the last five; 2021: sprints) go to EVENTS as
 * result facts in several shuffled orders, a few at a time so the reactor publishes many partial
 * calculations, with every result recorded in the same millisecond (as a fast CSV import records
 * them), duplicates the reactor sees again, one correction that may arrive before the fact it
 * corrects, and normalization restarted midway. Every order must leave the calculated standings
 * equal to the standings calculated at once from the final set.
 */

const SEASONS = [1971, 2021];
const RECORDED_AT = '2025-10-16T06:12:00.000Z';
const CORRECTED_AT = '2025-10-16T07:00:00.000Z';
const CHUNK = 100;

interface StandingRow {
  championship: 'drivers' | 'constructors';
  season: number;
  round: number;
  ref: string;
  points: number;
  position: number | null;
  wins: number;
}

function seasonResultEvents(): HistoricalEvent[] {
  const context = { recordedAt: RECORDED_AT, reference: ergastFixtureReference() };
  return ['results', 'sprint_results'].flatMap((table) =>
    readErgastTable(table)
      .flatMap((row) => ergastRowToEvents(table, row, context))
      .filter((event) => SEASONS.includes((event.data as { season: number }).season))
      .filter((event) => event.type === 'RaceResultRecorded' || event.type === 'SprintResultRecorded'),
  );
}

/** A later recording of Ickx's 1971 Spanish GP result with two points fewer: the newer recording wins. */
function correctionOf(events: readonly HistoricalEvent[]): HistoricalEvent {
  const original = events.find((event) => {
    const data = event.data as Classification;
    return (
      event.type === 'RaceResultRecorded' &&
      data.season === 1971 &&
      data.round === 2 &&
      data.driverRef === 'ickx'
    );
  });
  if (!original) throw new Error('Ickx has no 1971 round 2 result in the fixtures');
  const data = original.data as Classification;
  return {
    ...original,
    recordedAt: CORRECTED_AT,
    data: { ...data, points: data.points - 2 },
  } as HistoricalEvent;
}

function expectedStandings(events: readonly HistoricalEvent[]): StandingRow[] {
  const rows: StandingRow[] = [];
  for (const season of SEASONS) {
    const of = (type: string) =>
      events
        .filter((event) => event.type === type && (event.data as Classification).season === season)
        .map((event) => event.data as Classification);
    const rounds = calculateSeasonStandings({
      season,
      raceResults: of('RaceResultRecorded'),
      sprintResults: of('SprintResultRecorded'),
      adjustments: officialAdjustmentsFor(season),
    });
    for (const { round, drivers, constructors } of rounds)
      for (const [championship, standings] of [
        ['drivers', drivers],
        ['constructors', constructors],
      ] as const)
        for (const { ref, points, position, wins } of standings)
          rows.push({ championship, season, round, ref, points, position, wins });
  }
  return sortRows(rows);
}

const sortRows = (rows: StandingRow[]) =>
  rows.sort((a, b) =>
    `${a.championship} ${a.season} ${String(a.round).padStart(2, '0')} ${a.ref}`.localeCompare(
      `${b.championship} ${b.season} ${String(b.round).padStart(2, '0')} ${b.ref}`,
    ),
  );

function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}

interface OrderRun {
  nats: RunningNatsServer;
  nc: NatsConnection;
  chdb: TempDir;
  apps: INestApplication[];
}

describe('calculated standings are a function of the set of results', () => {
  let run: OrderRun | undefined;

  afterEach(async () => {
    if (!run) return;
    for (const app of run.apps.reverse()) await app.close();
    await run.nc.drain();
    await run.nats.dispose();
    run.chdb.remove();
    run = undefined;
  });

  const facts = seasonResultEvents();
  const correction = correctionOf(facts);
  const expected = expectedStandings([...facts.filter((event) => event.id !== correction.id), correction]);

  // Seed 0 is the file's own order; the others are shuffles. The correction lands first in one of
  // them. In the last, every result is in EVENTS before normalization starts, as after a CSV import
  // made while it was down: the reactor calculates what it loads at start, not only what is new.
  it.each([
    { seed: 0, normalizationStarts: 'first' },
    { seed: 11, normalizationStarts: 'first' },
    { seed: 29, normalizationStarts: 'last' },
  ])(
    'order $seed: shuffled, in small batches, with duplicates and a correction; normalization starts $normalizationStarts and restarts',
    async ({ seed, normalizationStarts }) => {
      const chdb = createTempDir('slipstream-standings-order-');
      const nats = await startNatsServer();
      const nc = await connectToNats({ url: nats.url, name: 'standings-order-spec' });
      run = { nats, nc, chdb, apps: [] };
      const target = { natsUrl: nats.url, chdbPath: chdb.path, database: 'standings_order' };
      const projection = await bootService('projection', target);
      run.apps.push(projection);
      let normalization: INestApplication | undefined;
      const restartNormalization = async () => {
        if (normalization) {
          await normalization.close();
          run!.apps.splice(run!.apps.indexOf(normalization), 1);
        }
        normalization = await bootService('normalization', target);
        run!.apps.push(normalization);
      };
      if (normalizationStarts === 'first') await restartNormalization();

      const publisher = new JetStreamPublisher(jetstream(nc));
      const publish = (event: HistoricalEvent, msgId: string) =>
        publisher.publishAndWait({
          subject: historicalEventSubject(event),
          msgId,
          payload: event,
          headers: { [HEADERS.eventType]: event.type },
        });
      const order = seed === 0 ? [...facts] : seededShuffle(facts, seed);
      order.splice(seed === 11 ? 0 : Math.floor(order.length / 2), 0, correction);

      for (let start = 0, chunk = 0; start < order.length; start += CHUNK, chunk++) {
        const batch = order.slice(start, start + CHUNK);
        for (const event of batch)
          await publish(event, `${event.id}:${event.recordedAt === CORRECTED_AT ? 'corrected' : 'first'}`);
        // A duplicate the server keeps (another message id): the reactor sees the fact a second time.
        await publish(batch[0], `${batch[0].id}:again:${chunk}`);
        if (!normalization) continue;
        await waitForConsumerDrained(nc, 'EVENTS', 'normalization-standings', 150_000);
        // Normalization restarted midway: the reactor reads the results back from EVENTS.
        if (chunk === Math.floor(order.length / CHUNK / 2)) await restartNormalization();
      }
      if (normalizationStarts === 'last') {
        await restartNormalization();
        await waitForConsumerDrained(nc, 'EVENTS', 'normalization-standings', 150_000);
        await restartNormalization();
      }
      await historicalPipelineDrained(nc, 150_000);

      const stored = await queryRows<Omit<StandingRow, 'championship'>>(
        clickhouseOf(projection).client,
        `SELECT 'drivers' AS championship, season, round, driver_ref AS ref, points, position, wins
         FROM hist_driver_standings FINAL WHERE origin = 'calculated'
         UNION ALL
         SELECT 'constructors' AS championship, season, round, constructor_ref AS ref, points, position, wins
         FROM hist_constructor_standings FINAL WHERE origin = 'calculated'`,
      );
      const rows = sortRows(stored as StandingRow[]);
      expect(rows.length).toBe(expected.length);
      expect(rows).toEqual(expected);
    },
    400_000,
  );
});
