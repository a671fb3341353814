import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { jetstream } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';
import { type DeadLetter, rawSubjects, subjectMatches } from '@slipstream/contracts';
import { parseCaptureLine, toLivetimingRawMessage } from '@slipstream/livetiming';
import { connectToNats, DEFAULT_PUBLISHER_OPTIONS, JetStreamPublisher } from '@slipstream/messaging';
import {
  createTempDir,
  readStream,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
  waitForConsumerDrained,
} from '@slipstream/testing';

import { LiveMessageStamper } from '../../services/ingestion/src/livetiming/live-message';
import {
  bootService,
  clickhouseOf,
  pipelineDrained,
  replayFinished,
  startReplay,
} from '../e2e/livetiming-pipeline';
import { historicalDrained, importCsvSet } from '../faults/historical-pipeline';

/*
 * Every case of the bad-input corpus (see README.md beside this file) through the real path:
 * import-csv or a replay → RAW → normalization → EVENTS/TELEMETRY → projection → ClickHouse. Each
 * received line ends projected, dead-lettered with a reason, or deduplicated, and the books
 * balance: received = projected + dead-lettered + deduplicated, each counted on its own.
 */
const CORPUS = __dirname;

/** Non-blank lines of a corpus file, without its header line when it has one (CSV). */
function linesOf(file: string, header: boolean): string[] {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return header ? lines.slice(1) : lines;
}

function receivedRows(directory: string): number {
  return readdirSync(directory).reduce((sum, file) => sum + linesOf(join(directory, file), true).length, 0);
}

interface Letter {
  stage: string;
  reason: string;
  subject: string;
  error: string;
}

/** The dead letters whose original subject falls under `subjects`. */
async function deadLetters(nc: NatsConnection, subjects: string): Promise<Letter[]> {
  return (await readStream(nc, 'DLQ'))
    .map((message) => message.json<DeadLetter>())
    .filter((letter) => subjectMatches(subjects, letter.original.subject))
    .map(({ stage, reason, original, error }) => ({ stage, reason, subject: original.subject, error }));
}

describe('the bad-input corpus through the real path', () => {
  const chdb: TempDir = createTempDir('slipstream-corpus-');
  let nats: RunningNatsServer;
  let nc: NatsConnection;
  let clickhouse: ClickHouseHandle;
  const apps: INestApplication[] = [];
  let replay: INestApplication;

  const count = async (table: string) =>
    Number(
      (await queryRows<{ n: string }>(clickhouse.client, `SELECT count() AS n FROM ${table} FINAL`))[0].n,
    );

  beforeAll(async () => {
    nats = await startNatsServer();
    const target = {
      natsUrl: nats.url,
      chdbPath: chdb.path,
      database: 'corpus',
      env: { REPLAY_DIR: resolve(CORPUS, 'livetiming') },
    };
    const projection = await bootService('projection', target);
    apps.push(projection, await bootService('normalization', target));
    replay = await bootService('replay', target);
    apps.push(replay);
    clickhouse = clickhouseOf(projection);
    nc = await connectToNats({ url: nats.url, name: 'corpus-spec' });
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await nc?.drain();
    await nats?.dispose();
    chdb.remove();
  });

  it('Ergast CSV: bad rows are dead-lettered with their reason, a repeated row deduplicated, the rest projected', async () => {
    const directory = join(CORPUS, 'ergast-csv');
    const received = receivedRows(directory);
    const report = await importCsvSet(nc, directory);
    await historicalDrained(nc);

    const letters = await deadLetters(nc, rawSubjects.ofSource('ergast'));
    expect(letters).toHaveLength(8);
    expect(letters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          stage: 'normalization',
          reason: 'invalid_schema',
          subject: rawSubjects.ergast('lap_times'),
          error: expect.stringMatching(/timeMs: Too small: expected number to be >=0/),
        }),
        expect.objectContaining({
          stage: 'normalization',
          reason: 'invalid_schema',
          subject: rawSubjects.ergast('lap_times'),
          error: expect.stringMatching(/timeMs: Too big: expected number to be <=86400000/),
        }),
        expect.objectContaining({
          stage: 'normalization',
          reason: 'invalid_schema',
          subject: rawSubjects.ergast('pit_stops'),
          error: expect.stringMatching(/durationMs: Too small/),
        }),
        expect.objectContaining({
          stage: 'ingestion',
          reason: 'unreadable_csv_line',
          subject: rawSubjects.ergast('results'),
          error: expect.stringMatching(/Invalid Closing Quote/),
        }),
        expect.objectContaining({
          stage: 'normalization',
          reason: 'invalid_schema',
          subject: rawSubjects.ergast('results'),
          error: expect.stringMatching(/timeMs: Too big/),
        }),
        expect.objectContaining({
          stage: 'normalization',
          reason: 'invalid_schema',
          subject: rawSubjects.ergast('results'),
          error: expect.stringMatching(/timeMs: Too small/),
        }),
        expect.objectContaining({
          stage: 'normalization',
          reason: 'normalization_failed',
          subject: rawSubjects.ergast('results'),
          error: expect.stringMatching(/driverId" refers to 9999, which is not in drivers/),
        }),
        expect.objectContaining({
          stage: 'normalization',
          reason: 'normalization_failed',
          subject: rawSubjects.ergast('results'),
          error: expect.stringMatching(/"grid" must be an integer, got "P6"/),
        }),
      ]),
    );

    const projected = {
      hist_finishing_statuses: await count('hist_finishing_statuses'),
      hist_circuits: await count('hist_circuits'),
      hist_drivers: await count('hist_drivers'),
      hist_constructors: await count('hist_constructors'),
      hist_seasons: await count('hist_seasons'),
      hist_races: await count('hist_races'),
      hist_race_results: await count('hist_race_results'),
      hist_pit_stops: await count('hist_pit_stops'),
      hist_lap_times: await count('hist_lap_times'),
    };
    expect(projected).toEqual({
      hist_finishing_statuses: 2,
      hist_circuits: 1,
      hist_drivers: 3,
      hist_constructors: 2,
      hist_seasons: 1,
      hist_races: 1,
      hist_race_results: 3,
      hist_pit_stops: 3,
      hist_lap_times: 1,
    });
    // The repeated results row: same message id, dropped by the server.
    expect(report.duplicates).toBe(1);
    const projectedRows = Object.values(projected).reduce((sum, n) => sum + n, 0);
    expect(received).toBe(26);
    expect(projectedRows + letters.length + report.duplicates).toBe(received);
    // RAW holds what was readable and new; normalization dead-lettered what it could not map.
    expect((await readStream(nc, 'RAW', rawSubjects.ofSource('ergast'))).length).toBe(
      projectedRows + letters.filter((letter) => letter.stage === 'normalization').length,
    );
  });

  it('Ergast CSV with a BOM and CRLF line ends: read as the plain files, every row a duplicate', async () => {
    const directory = join(CORPUS, 'ergast-csv-bom-crlf');
    const lettersBefore = (await readStream(nc, 'DLQ')).length;
    const report = await importCsvSet(nc, directory);
    await historicalDrained(nc);

    expect(receivedRows(directory)).toBe(13);
    expect(report).toMatchObject({ published: 0, duplicates: 13 });
    expect((await readStream(nc, 'DLQ')).length).toBe(lettersBefore);
    expect(await count('hist_race_results')).toBe(3);
  });

  it('live-timing recordings: unreadable, corrupt and oversized frames dead-lettered, repeats deduplicated, the rest projected', async () => {
    const files = ['bad-lines.txt', 'bom-crlf.txt', 'oversized-frame.txt.gz'];
    let received = 0;
    let sent = 0;
    for (const file of files) {
      received += linesOf(join(CORPUS, 'livetiming', file), false).length;
      sent += await replayFinished(replay, await startReplay(replay, file, file.replace(/\W/g, '-')));
    }
    await pipelineDrained(nc);
    await waitForConsumerDrained(nc, 'EVENTS', 'projection-events');

    const letters = await deadLetters(nc, rawSubjects.ofSource('livetiming'));
    const reasons = letters.map((letter) => `${letter.stage}:${letter.reason}:${letter.subject}`);
    expect(reasons.sort()).toEqual(
      [
        `ingestion:oversized_message:${rawSubjects.livetiming(10028, 'TimingData')}`,
        `ingestion:unreadable_line:${rawSubjects.livetiming(10028, 'CarData.z')}`,
        `ingestion:unreadable_line:${rawSubjects.livetiming(10028, 'CarData.z')}`,
        `ingestion:unreadable_line:${rawSubjects.livetiming(10028, 'TimingData')}`,
        `ingestion:unreadable_line:${rawSubjects.livetiming(10028, 'TimingData')}`,
        `ingestion:unreadable_line:${rawSubjects.livetiming(10028, 'unknown')}`,
      ].sort(),
    );
    const errors = letters.map((letter) => letter.error).join('\n');
    expect(errors).toMatch(/corrupt compressed payload: unexpected end of file/);
    expect(errors).toMatch(/corrupt compressed payload: invalid/);
    expect(errors).toMatch(/invalid JSON/);
    expect(errors).toMatch(/expected <unix-ns>:<Topic>:<json>/);
    expect(errors).toMatch(/over the server's max_payload of 1048576/);

    // Distinct readable messages reached RAW and were all normalized (none dead-lettered there).
    const raw = await readStream(nc, 'RAW', rawSubjects.ofSource('livetiming'));
    expect(raw).toHaveLength(6);
    expect(letters.filter((letter) => letter.stage !== 'ingestion')).toEqual([]);
    // Repeats the server dropped by message id: one in bad-lines.txt, the three lines of
    // bom-crlf.txt, the SessionInfo line of oversized-frame.txt.gz.
    const deduplicated = 5;
    expect(sent - deduplicated).toBe(raw.length + 1 /* the oversized frame, delivered to DLQ instead */);
    expect(received).toBe(17);
    expect(raw.length + letters.length + deduplicated).toBe(received);

    // What they carried is in the read models: the session, and the car data of the one good frame.
    expect(await count('session_info')).toBe(1);
    expect(await count('car_telemetry')).toBeGreaterThan(0);
  });

  it('a corrupt .z payload as the live ingest stores it (base64 kept in RAW) is dead-lettered by normalization', async () => {
    // Line 7 of bad-lines.txt again, as a hub frame: the live ingest keeps `.z` text as F1 sent it.
    const line = linesOf(join(CORPUS, 'livetiming', 'bad-lines.txt'), false)[6];
    const frame = parseCaptureLine(line);
    const message = new LiveMessageStamper().stamp(
      { topic: frame.topic, data: frame.payload, timestamp: '2025-05-03T15:46:30.000Z' },
      new Date(),
    );
    const raw = toLivetimingRawMessage(10028, message, 'live');
    await new JetStreamPublisher(jetstream(nc), DEFAULT_PUBLISHER_OPTIONS).publishAndWait({
      subject: raw.subject,
      msgId: raw.msgId,
      payload: raw.record,
    });
    await waitForConsumerDrained(nc, 'RAW', 'normalization-livetiming');

    const letters = (await deadLetters(nc, rawSubjects.ofSource('livetiming'))).filter(
      (letter) => letter.stage === 'normalization',
    );
    expect(letters).toEqual([
      {
        stage: 'normalization',
        reason: 'corrupt_payload',
        subject: rawSubjects.livetiming(10028, 'CarData.z'),
        error: expect.stringMatching(/corrupt compressed payload: unexpected end of file/),
      },
    ]);
  });
});
