import { jetstream } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { queryRows } from '@slipstream/clickhouse';
import { type HistoricalEvent, historicalEventSubject } from '@slipstream/contracts';
import { ergastRowToEvents } from '@slipstream/historical';
import { connectToNats, DEFAULT_PUBLISHER_OPTIONS, JetStreamPublisher } from '@slipstream/messaging';
import { createTempDir, type RunningNatsServer, startNatsServer, type TempDir } from '@slipstream/testing';

import {
  ergastFixtureReference,
  readErgastTable,
} from '../../libs/historical/src/testing/historical-fixtures';
import {
  baseUrl,
  bootPipeline,
  clickhouseOf,
  pipelineDrained,
  replayFinished,
  startReplay,
} from './livetiming-pipeline';
import { feedFinalOrder, officialSprintResult, RACE_ID } from './livetiming-recordings';

const SESSION = '2025-miami-gp-sprint';
const SESSION_KEY = 10028;
const official = officialSprintResult();

interface ResultRow {
  driver_number: number;
  position: number;
  provisional_position: number;
  official_position: number | null;
  places_gained: number | null;
  result_status: string;
  number_of_laps: number;
  best_lap_duration: number | null;
  best_lap_number: number | null;
}

describe('replaying the 2025 Miami GP sprint at full speed, then ingesting its official result', () => {
  let nats: RunningNatsServer;
  let chdb: TempDir;
  let nc: NatsConnection;
  let apps: Awaited<ReturnType<typeof bootPipeline>>;
  const figures: Record<string, number> = {};
  const sessionResult = async () =>
    (await (
      await fetch(`${baseUrl(apps.projection)}/v1/session_result?session_key=${SESSION_KEY}`)
    ).json()) as ResultRow[];

  beforeAll(async () => {
    nats = await startNatsServer();
    chdb = createTempDir('slipstream-miami-');
    apps = await bootPipeline({ natsUrl: nats.url, chdbPath: chdb.path });
    nc = await connectToNats({ url: nats.url, name: 'miami-e2e' });
    const started = performance.now();
    figures.rawMessages = await replayFinished(apps.replay, await startReplay(apps.replay, SESSION), 150_000);
    figures.replayMs = Math.round(performance.now() - started);
    await pipelineDrained(nc, 150_000);
    figures.replayToProjectionMs = Math.round(performance.now() - started);
  }, 360_000);

  afterAll(async () => {
    await nc?.drain();
    for (const app of [apps?.replay, apps?.normalization, apps?.projection]) await app?.close();
    await nats?.dispose();
    chdb?.remove();
    console.log('Miami sprint, replay → normalization → projection at full speed:', figures);
  });

  it('classifies laps completed and fastest lap per driver as sprint_results.csv (raceId 1150)', async () => {
    const byDriver = new Map((await sessionResult()).map((row) => [row.driver_number, row]));
    for (const result of official) {
      const row = byDriver.get(result.driverNumber);
      expect(
        [
          row?.number_of_laps,
          row?.best_lap_number,
          row?.best_lap_duration === null ? null : Math.round(row!.best_lap_duration! * 1000),
        ],
        `car ${result.driverNumber}`,
      ).toEqual([result.laps, result.fastestLap, result.fastestLapTimeMs]);
    }
    // The lap read model says the same: last lap completed, and the fastest lap that was not deleted.
    const laps = await queryRows<{
      driver_number: number;
      laps: number;
      best: number | null;
      best_lap: number;
    }>(
      clickhouseOf(apps.projection).client,
      `SELECT driver_number, max(lap_number) AS laps, minIf(lap_time_ms, lap_time_ms IS NOT NULL) AS best,
         argMinIf(lap_number, lap_time_ms, lap_time_ms IS NOT NULL) AS best_lap
       FROM session_laps FINAL WHERE session_key = {s:UInt32} GROUP BY driver_number`,
      { s: SESSION_KEY },
    );
    for (const lap of laps) {
      const result = official.find(({ driverNumber }) => driverNumber === lap.driver_number)!;
      expect([lap.laps, lap.best, lap.best_lap], `car ${lap.driver_number}`).toEqual([
        result.laps,
        result.fastestLapTimeMs,
        result.fastestLap,
      ]);
    }
  });

  it("orders the provisional result as the feed's final order, and says it is provisional", async () => {
    const rows = await sessionResult();
    expect(rows.every((row) => row.result_status === 'provisional')).toBe(true);
    expect(rows.map((row) => row.driver_number)).toEqual(await feedFinalOrder(SESSION));
    expect([23, 30, 87].map((car) => rows.find((row) => row.driver_number === car)?.position)).toEqual([
      4, 7, 8,
    ]);
  });

  it('shows the official order once the historical sources bring it, keeps the provisional one, and marks who moved', async () => {
    const context = { reference: ergastFixtureReference(), recordedAt: '2025-10-31T00:00:00.000Z' };
    const events: HistoricalEvent[] = [
      ...readErgastTable('races').filter((row) => row.raceId === RACE_ID),
    ].flatMap((row) => ergastRowToEvents('races', row, context));
    for (const row of readErgastTable('sprint_results').filter((r) => r.raceId === RACE_ID))
      events.push(...ergastRowToEvents('sprint_results', row, context));
    const publisher = new JetStreamPublisher(jetstream(nc), DEFAULT_PUBLISHER_OPTIONS);
    for (const event of events)
      await publisher.publish({ subject: historicalEventSubject(event), msgId: event.id, payload: event });
    await publisher.flush();
    await pipelineDrained(nc, 150_000);

    const rows = await sessionResult();
    expect(rows.every((row) => row.result_status === 'official')).toBe(true);
    expect(rows.map((row) => row.driver_number)).toEqual(official.map(({ driverNumber }) => driverNumber));
    const moved = rows
      .filter((row) => row.places_gained !== 0)
      .map((row) => [row.driver_number, row.provisional_position, row.position, row.places_gained]);
    expect(moved.filter(([car]) => [23, 30, 87].includes(car!))).toEqual([
      [23, 4, 11, -7],
      [30, 7, 13, -6],
      [87, 8, 14, -6],
    ]);
    // Everyone else moved only because those three did: up by one place per car that dropped past them.
    for (const row of rows.filter((r) => ![23, 30, 87].includes(r.driver_number)))
      expect(row.places_gained, `car ${row.driver_number}`).toBeGreaterThanOrEqual(0);
  });

  it('documents every OpenF1 endpoint and its filterable attributes in the OpenAPI document', () => {
    const document = SwaggerModule.createDocument(apps.projection, new DocumentBuilder().build());
    const openf1 = Object.keys(document.paths).filter((path) =>
      document.paths[path].get?.tags?.includes('openf1'),
    );
    expect(openf1.sort()).toEqual(
      [
        'car_data',
        'championship_drivers',
        'championship_teams',
        'drivers',
        'intervals',
        'laps',
        'location',
        'meetings',
        'overtakes',
        'pit',
        'position',
        'race_control',
        'session_result',
        'sessions',
        'starting_grid',
        'stints',
        'team_radio',
        'weather',
      ].map((name) => `/v1/${name}`),
    );
    const parameters = document.paths['/v1/laps'].get!.parameters as Array<{ name: string }>;
    expect(parameters.map(({ name }) => name)).toEqual(
      expect.arrayContaining(['session_key', 'lap_duration', 'csv']),
    );
  });
});
