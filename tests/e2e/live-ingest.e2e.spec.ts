import { join, resolve } from 'node:path';

import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import {
  eventSubjects,
  LIVE_TOPIC_ACCESS_RESOURCE,
  type RawRecord,
  rawSubjects,
} from '@slipstream/contracts';
import { type RunningCoreHub, startCoreHub } from '@slipstream/ingestion';
import { RESTRICTED_TOPICS } from '@slipstream/livetiming-access';
import { connectToNats } from '@slipstream/messaging';
import {
  createTempDir,
  readStream,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
} from '@slipstream/testing';

import { fakeJwt } from '../../services/ingestion/src/livetiming/testing/fake-jwt';
import {
  bootLiveIngest,
  bootReadModels,
  liveIngestSettled,
  sliceArchiveSession,
} from './live-ingest-pipeline';
import { feedAccessView } from './live-topic-access-check';
import {
  baseUrl,
  bootService,
  clickhouseOf,
  pipelineDrained,
  replayFinished,
  SESSIONS_DIR,
  startReplay,
  tableChecksums,
  type Target,
} from './livetiming-pipeline';

/*
 * Live ingest through the official @microsoft/signalr client against a hub built from Microsoft's
 * published protocol, playing real recordings, gives the read models a replay of the same
 * recording gives: per-table checksums of the merged rows, table by table.
 */
const FIXTURES = resolve(__dirname, '../../services/ingestion/fixtures');
const DUTCH = '2025_dutch_qualifying.txt.gz';
const MEXICO = '2025-mexico-city-gp-qualifying';
/** Q1 and its first laps: every topic, telemetry included, in a third of the session's lines. */
const UNTIL = '00:30:00';
const WAIT_MS = 150_000;
const TEST_MS = 2 * WAIT_MS + 60_000;
const restricted = new Set<string>(RESTRICTED_TOPICS);
const CAR_TABLES = ['car_telemetry', 'car_positions'];
const MEXICO_SESSION_KEY = 9873;
const accessNotices = async (nc: NatsConnection) =>
  (await readStream(nc, 'RAW', rawSubjects.ofSource('livetiming')))
    .map((message) => message.json<RawRecord>())
    .filter((record) => record.resource === LIVE_TOPIC_ACCESS_RESOURCE)
    .map((record) => record.payload);

describe('live ingest from F1-style SignalR Core hub equals a replay', () => {
  const chdb: TempDir = createTempDir('slipstream-live-ingest-');
  const servers: RunningNatsServer[] = [];
  const connections: NatsConnection[] = [];
  let apps: INestApplication[] = [];
  let hub: RunningCoreHub | undefined;
  const replays: Record<string, Record<string, string>> = {};

  afterEach(async () => {
    for (const app of apps.reverse()) await app.close();
    apps = [];
    await hub?.close();
    hub = undefined;
  });

  afterAll(async () => {
    for (const nc of connections) await nc.drain();
    for (const server of servers) await server.dispose();
    chdb.remove();
  });

  async function stack(database: string, env: Record<string, string> = {}) {
    const nats = await startNatsServer();
    servers.push(nats);
    const nc = await connectToNats({ url: nats.url, name: `live-ingest-${database}` });
    connections.push(nc);
    const target: Target = { natsUrl: nats.url, chdbPath: chdb.path, database, env };
    apps.push(...(await bootReadModels(target)));
    return { target, nc };
  }

  async function replayed(dir: string, session: string, database: string): Promise<Record<string, string>> {
    const { target, nc } = await stack(database, { REPLAY_DIR: dir });
    const replay = await bootService('replay', target);
    apps.push(replay);
    await replayFinished(replay, await startReplay(replay, session), WAIT_MS);
    await pipelineDrained(nc, WAIT_MS);
    return tableChecksums(clickhouseOf(apps[0]));
  }

  it(
    'a capture followed live across two drops and a refused first start equals its replay',
    async () => {
      replays.dutch = await replayed(FIXTURES, DUTCH, 'dutch_replay');
      const { target, nc } = await stack('dutch_live');
      hub = await startCoreHub({
        source: resolve(FIXTURES, DUTCH),
        refuseNegotiations: 1,
        disconnectAfter: [3_000, 7_000],
      });
      apps.push(await bootLiveIngest(target, hub));
      await liveIngestSettled(nc, hub, () => true, WAIT_MS);

      expect(hub.negotiations()).toBe(4);
      expect(hub.connections()).toBe(3);
      expect(await tableChecksums(clickhouseOf(apps[0]))).toEqual(replays.dutch);
      expect(replays.dutch.session_laps).not.toMatch(/^0:/);
    },
    TEST_MS,
  );

  it(
    'with an F1 TV token every topic arrives and every table equals the replay of the archive folder',
    async () => {
      const folder = sliceArchiveSession(
        resolve(SESSIONS_DIR, MEXICO),
        join(chdb.path, 'all', MEXICO),
        UNTIL,
      );
      replays.mexico = await replayed(join(chdb.path, 'all'), MEXICO, 'mexico_replay');
      const token = fakeJwt({ exp: Math.floor(Date.now() / 1_000) + 7 * 86_400 });
      const { target, nc } = await stack('mexico_token');
      hub = await startCoreHub({
        source: folder,
        tokens: [token],
        restrictedTopics: RESTRICTED_TOPICS,
        disconnectAfter: [5_000],
      });
      const live = await bootLiveIngest(target, hub, { LIVETIMING_ACCESS_TOKEN: token });
      apps.push(live);
      await liveIngestSettled(nc, hub, () => true, WAIT_MS);

      expect(hub.sentTopics().get('CarData.z')).toBeGreaterThan(100);
      expect(await tableChecksums(clickhouseOf(apps[0]))).toEqual(replays.mexico);
      for (const table of CAR_TABLES) expect(replays.mexico[table]).not.toMatch(/^0:/);
      const ready = (await (await fetch(`${baseUrl(live)}/health/ready`)).json()) as {
        checks: Record<string, { detail: string }>;
      };
      expect(ready.checks.livetiming.detail).toMatch(/^F1 TV token valid, until 20/);
      const metrics = await (await fetch(`${baseUrl(live)}/metrics`)).text();
      expect(metrics).toMatch(/^slipstream_livetiming_token_expiry_seconds 6\d{5}$/m);
      expect(metrics).toContain('slipstream_livetiming_topic_available{topic="CarData.z"} 1');
      // Said once for the session, across the reconnect: nothing is unavailable.
      expect(await accessNotices(nc)).toEqual([{ unavailableTopics: [] }]);
    },
    TEST_MS,
  );

  it(
    'without a token the restricted topics are absent and the tables equal a replay of the public topics',
    async () => {
      const publicOnly = join(chdb.path, 'public');
      sliceArchiveSession(
        resolve(SESSIONS_DIR, MEXICO),
        join(publicOnly, MEXICO),
        UNTIL,
        (topic) => !restricted.has(topic),
      );
      const expected = await replayed(publicOnly, MEXICO, 'mexico_public_replay');
      const { target, nc } = await stack('mexico_anonymous');
      hub = await startCoreHub({
        source: join(chdb.path, 'all', MEXICO),
        restrictedTopics: RESTRICTED_TOPICS,
        disconnectAfter: [3_000],
      });
      const live = await bootLiveIngest(target, hub);
      apps.push(live);
      await liveIngestSettled(nc, hub, (topic) => !restricted.has(topic), WAIT_MS);

      expect(hub.bearers()).toEqual([]);
      const raw = await readStream(nc, 'RAW', rawSubjects.ofSource('livetiming'));
      expect(raw.filter((message) => restricted.has(message.json<RawRecord>().resource))).toEqual([]);
      const sums = await tableChecksums(clickhouseOf(apps[0]));
      for (const table of CAR_TABLES) expect(sums[table]).toMatch(/^0:/);
      expect(sums).toEqual(expected);
      // Without telemetry's exact clock, lap dates are anchored on coarser clocks: not the token run's.
      expect(sums.session_laps).not.toEqual(replays.mexico.session_laps);
      expect(sums.session_laps.split(':')[0]).toEqual(replays.mexico.session_laps.split(':')[0]);
      const metrics = await (await fetch(`${baseUrl(live)}/metrics`)).text();
      for (const topic of RESTRICTED_TOPICS)
        expect(metrics).toContain(`slipstream_livetiming_topic_available{topic="${topic}"} 0`);
      const ready = (await (await fetch(`${baseUrl(live)}/health/ready`)).json()) as {
        checks: Record<string, { detail: string }>;
      };
      expect(ready.checks.livetiming.detail).toContain('anonymous (no F1 TV token): CarData.z, Position.z');

      // Said once for the session across the reconnect, recorded as one event, and shown by the live
      // feed: in the snapshot a subscriber gets and on the dashboard.
      const unavailableTopics = RESTRICTED_TOPICS.map((topic) => ({ topic, reason: 'no_token' }));
      expect(await accessNotices(nc)).toEqual([{ unavailableTopics }]);
      const recorded = await readStream(
        nc,
        'EVENTS',
        eventSubjects.ofEvent('session', 'live_topic_access_recorded'),
      );
      expect(recorded.map((message) => message.json<{ data: unknown }>().data)).toEqual([
        { sessionKey: MEXICO_SESSION_KEY, unavailableTopics },
      ]);
      const view = await feedAccessView(target.natsUrl, MEXICO_SESSION_KEY, 60_000);
      expect(view.unavailableTopics).toEqual(unavailableTopics);
      expect(view.notice).toContain(
        'Car telemetry, positions on track, championship prediction, pit-stop times and pit lane times unavailable: connected without an F1 TV token',
      );
      expect(view.notice).toContain('CarData.z, Position.z');
      expect(view.noticeViolations).toEqual([]);
    },
    TEST_MS,
  );
});
