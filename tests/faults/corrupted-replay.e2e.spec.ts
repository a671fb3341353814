import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type ClassificationEntry,
  type DeadLetter,
  eventSubject,
  type RawRecord,
  rawSubjects,
  subjectMatches,
} from '@slipstream/contracts';
import { readArchiveSession, SessionEventDeriver } from '@slipstream/livetiming';
import { connectToNats } from '@slipstream/messaging';
import {
  createTempDir,
  readStream,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
} from '@slipstream/testing';

import {
  baseUrl,
  bootPipeline,
  pipelineDrained,
  replayFinished,
  SESSIONS_DIR,
  startReplay,
} from '../e2e/livetiming-pipeline';
import { type DamagedSession, damageSession } from './feed-damage';

/*
 * Issue 18: a replay of a corrupted recording must not give wrong results silently. Each bundled
 * session is damaged by a seeded script and replayed through the real pipeline (telemetry-replay,
 * normalization, projection over a real nats-server and chDB). Every damaged line must end in the
 * DLQ with its reason, or be provably harmless (a duplicate the server dropped); the cars whose
 * data is intact must be classified as from the clean recording; no car may appear or vanish; and
 * the books must balance: every line read is merged, dead-lettered or deduplicated.
 */

const run = promisify(execFile);
const DLQ_CLI = resolve(__dirname, '../../apps/all-in-one/dist/dlq-cli.js');
const SEED = 18;
/** Every bundled session with timing data to damage. */
const SESSIONS = readdirSync(SESSIONS_DIR)
  .filter((session) => existsSync(join(SESSIONS_DIR, session, 'TimingData.jsonStream.gz')))
  .sort();

interface ReplayView {
  sessionKey: number;
  books: { read: number; stored: number; deduplicated: number; deadLettered: number; lost: number };
}

/** The last classification a deriver makes of the clean recording: what the pipeline must agree with. */
async function cleanClassification(
  session: string,
): Promise<{ sessionKey: number; entries: ClassificationEntry[] }> {
  const deriver = new SessionEventDeriver();
  const info = readArchiveSession(join(SESSIONS_DIR, session), { topics: ['SessionInfo'] });
  let sessionKey = 0;
  for await (const message of info) sessionKey ||= Number((message.payload as { Key?: number }).Key ?? 0);
  let entries: ClassificationEntry[] = [];
  const context = {
    sessionKey,
    recordedAt: '2025-01-01T00:00:00.000Z',
    correlationId: 'clean',
    causationId: null,
  };
  for await (const message of readArchiveSession(join(SESSIONS_DIR, session), { withTimestamps: true })) {
    for (const output of deriver.apply(message, context))
      if (output.kind === 'event' && output.event.type === 'ClassificationUpdated')
        entries = (output.event.data as { entries: ClassificationEntry[] }).entries;
  }
  return { sessionKey, entries };
}

async function metric(app: INestApplication, name: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${baseUrl(app)}/metrics`)).text();
  const line = text.split('\n').find((entry) => entry.startsWith(`${name}{outcome="${outcome}"}`));
  return Number(line?.split(' ').pop() ?? Number.NaN);
}

describe('replaying corrupted copies of the bundled sessions through the real pipeline', () => {
  let nats: RunningNatsServer;
  let chdb: TempDir;
  let recordings: TempDir;
  let nc: NatsConnection;
  let apps: Awaited<ReturnType<typeof bootPipeline>>;
  const damage = new Map<string, DamagedSession>();
  const views = new Map<string, ReplayView>();
  let letters: DeadLetter[] = [];

  beforeAll(async () => {
    recordings = createTempDir('slipstream-corrupted-');
    for (const [index, session] of SESSIONS.entries())
      damage.set(
        session,
        damageSession(join(SESSIONS_DIR, session), join(recordings.path, session), SEED + index),
      );
    nats = await startNatsServer();
    chdb = createTempDir('slipstream-corrupted-chdb-');
    apps = await bootPipeline({
      natsUrl: nats.url,
      chdbPath: chdb.path,
      env: { REPLAY_DIR: recordings.path },
    });
    nc = await connectToNats({ url: nats.url, name: 'corrupted-replay-e2e' });
    for (const session of SESSIONS) {
      const id = await startReplay(apps.replay, session);
      await replayFinished(apps.replay, id, 300_000);
      views.set(
        session,
        (await (await fetch(`${baseUrl(apps.replay)}/v1/replays/${id}`)).json()) as ReplayView,
      );
    }
    await pipelineDrained(nc, 300_000);
    letters = (await readStream(nc, 'DLQ')).map((message) => message.json<DeadLetter>());
  }, 1_200_000);

  afterAll(async () => {
    const figures = Object.fromEntries(
      [...damage].map(([session, { damaged, victims }]) => [
        session,
        {
          victims: victims.join(','),
          damaged: Object.fromEntries(
            ['flipped', 'truncated', 'wrong_type', 'garbage', 'oversized', 'duplicate'].map((kind) => [
              kind,
              damaged.filter((line) => line.kind === kind).length,
            ]),
          ),
          books: views.get(session)?.books,
        },
      ]),
    );
    console.log(
      'corrupted replay (seed %d):',
      SEED,
      JSON.stringify(figures),
      `${letters.length} dead letters`,
    );
    await nc?.drain();
    for (const app of [apps?.replay, apps?.normalization, apps?.projection]) await app?.close();
    await nats?.dispose();
    chdb?.remove();
    recordings?.remove();
  });

  it.each(SESSIONS)(
    '%s: every damaged line is in the DLQ with its reason, or a duplicate the server dropped',
    (session) => {
      const { damaged } = damage.get(session)!;
      const view = views.get(session)!;
      const ingestion = letters.filter(
        (letter) =>
          letter.stage === 'ingestion' &&
          subjectMatches(rawSubjects.livetimingSession(view.sessionKey), letter.original.subject),
      );
      const normalization = letters.filter(
        (letter) =>
          letter.stage === 'normalization' &&
          subjectMatches(rawSubjects.livetimingSession(view.sessionKey), letter.original.subject),
      );
      const lineLetters = new Map(ingestion.map((letter) => [letter.original.sequence, letter]));
      const refused = normalization.map((letter) => {
        const record = JSON.parse(
          Buffer.from(letter.original.payloadBase64, 'base64').toString('utf8'),
        ) as RawRecord;
        return { letter, key: `${record.meta.offsetMs}:${JSON.stringify(record.payload)}` };
      });
      for (const line of damaged) {
        const where = `${line.kind} line ${line.line}`;
        if (line.kind === 'duplicate') continue;
        if (line.kind === 'wrong_type') {
          const found = refused.find(({ key }) => key === `${line.offsetMs}:${JSON.stringify(line.payload)}`);
          expect(found?.letter.reason, where).toBe('invalid_schema');
          expect(found?.letter.error, where).toMatch(/^TimingData patch does not fit its schema at Lines/);
          continue;
        }
        const letter = lineLetters.get(line.line);
        expect(letter?.reason, where).toBe(
          line.kind === 'oversized' ? 'oversized_message' : 'unreadable_line',
        );
        expect(letter?.original.headers.line, where).toEqual([String(line.line)]);
      }
      // Nothing intact was refused: the DLQ holds the damaged lines and nothing else.
      const count = (kind: string) => damaged.filter((line) => line.kind === kind).length;
      expect(normalization).toHaveLength(count('wrong_type'));
      expect(ingestion).toHaveLength(damaged.length - count('wrong_type') - count('duplicate'));
      // The duplicates are harmless: the server dropped each second copy.
      expect(view.books.deduplicated).toBe(count('duplicate'));
    },
  );

  it.each(SESSIONS)(
    '%s: no car appears or vanishes, and intact cars are classified as from the clean recording',
    async (session) => {
      const { sessionKey, entries: clean } = await cleanClassification(session);
      const events = await readStream(
        nc,
        'EVENTS',
        eventSubject('session', 'classification_updated', sessionKey),
      );
      const last = events.at(-1)!.json<{ data: { entries: ClassificationEntry[] } }>().data.entries;
      expect(last.map((entry) => entry.driverNumber).sort()).toEqual(
        clean.map((entry) => entry.driverNumber).sort(),
      );
      const { damaged, victims } = damage.get(session)!;
      const touched = new Set([...victims, ...damaged.flatMap((line) => line.cars)].map(Number));
      const intact = clean.filter((entry) => !touched.has(entry.driverNumber));
      expect(intact.length).toBeGreaterThanOrEqual(clean.length - victims.length);
      for (const entry of intact)
        expect(
          last.find((candidate) => candidate.driverNumber === entry.driverNumber),
          `car ${entry.driverNumber}`,
        ).toEqual(entry);
      const rows = (await (
        await fetch(`${baseUrl(apps.projection)}/v1/session_result?session_key=${sessionKey}`)
      ).json()) as Array<{ driver_number: number }>;
      expect(rows.map((row) => row.driver_number).sort()).toEqual(
        clean.map((entry) => entry.driverNumber).sort(),
      );
    },
  );

  it('balances the books: every line read is merged, dead-lettered or deduplicated, in /metrics and the DLQ listing', async () => {
    const replayed = [...views.values()];
    const sum = (field: keyof ReplayView['books']) =>
      replayed.reduce((total, view) => total + view.books[field], 0);
    expect(sum('lost')).toBe(0);
    expect(sum('read')).toBe(sum('stored') + sum('deduplicated') + sum('deadLettered'));
    expect(sum('read')).toBe(
      [...damage.values()].reduce((total, session) => total + session.lines, 0) + (await otherTopicLines()),
    );
    const merged = await metric(apps.normalization, 'slipstream_livetiming_records_total', 'merged');
    const refused = await metric(apps.normalization, 'slipstream_livetiming_records_total', 'dead_lettered');
    const repeated = await metric(apps.normalization, 'slipstream_livetiming_records_total', 'deduplicated');
    const raw = await readStream(nc, 'RAW', rawSubjects.ofSource('livetiming'));
    // Each RAW record is merged or refused exactly once; a redelivery (a slow batch outliving its
    // ack wait, as on a loaded machine) is counted apart as deduplicated and never merged again.
    expect(merged + refused).toBe(raw.length);
    expect(repeated).toBeGreaterThanOrEqual(0);
    expect(raw.length).toBe(sum('stored'));
    expect(refused).toBe(letters.filter((letter) => letter.stage === 'normalization').length);
    expect(sum('deadLettered')).toBe(letters.filter((letter) => letter.stage === 'ingestion').length);
    // published = merged + dead-lettered + deduplicated, end to end
    expect(sum('read')).toBe(merged + refused + sum('deadLettered') + sum('deduplicated'));
    const { stdout } = await run(process.execPath, [DLQ_CLI, 'list', '--nats-url', nats.url]);
    expect(stdout).toContain(`${letters.length} dead letters`);
    expect(stdout).toContain(`normalization\tinvalid_schema\t${refused}`);
    expect(stdout).toContain(
      `live timing: ${raw.length} records in RAW = ${merged} merged (or still pending) + ${refused} dead-lettered by normalization; ` +
        `${sum('deadLettered')} lines dead-lettered before RAW`,
    );
  });
});

/** Lines of every other topic of the bundled sessions, which the damage leaves alone. */
async function otherTopicLines(): Promise<number> {
  let lines = 0;
  for (const session of SESSIONS)
    for await (const message of readArchiveSession(join(SESSIONS_DIR, session)))
      if (message.topic !== 'TimingData') lines++;
  return lines;
}
