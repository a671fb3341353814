import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';

import { connectToNats } from '@slipstream/messaging';
import {
  ackedShare,
  createTempDir,
  eventually,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
} from '@slipstream/testing';

import {
  bootPipeline,
  bootService,
  clickhouseOf,
  pipelineDrained,
  replayControl,
  replayFinished,
  startReplay,
  tableChecksums,
  type Target,
} from './livetiming-pipeline';

const SESSION = '2025-miami-gp-sprint';
/*
 * About 20 s a run on two idle cores; three times as long with other test files on the same cores.
 * The bounds are for a stuck pipeline, not for speed.
 */
const WAIT_MS = 150_000;
const TEST_MS = 2 * WAIT_MS + 60_000;

/**
 * The replay is paced at this many times real time until both faults have landed. The recording is
 * 2 h 13 min long, so the replay cannot finish in less than 40 s of wall time, however fast the
 * machine: it is paused at a message count well before its end, and each stage is stopped while the
 * replay is paused, so work is always left for the stage's next instance. Then it runs at max speed.
 */
const FAULT_SPEED = 200;

/*
 * The read models converge: a clean run, the same session replayed again, and a run in which
 * normalization and then projection are stopped midway and started again (a new Nest application
 * on the same NATS server and chDB directory, as a restarted pod) leave every table identical,
 * row for row, compared by per-table checksums of the merged rows. Telemetry tables are checked
 * the same way in the Mexico test, which restarts projection mid-telemetry.
 */
describe('session read models converge over replays and restarts (2025 Miami GP sprint)', () => {
  const servers: RunningNatsServer[] = [];
  const connections: NatsConnection[] = [];
  const chdb: TempDir = createTempDir('slipstream-convergence-');
  let running: Array<{ close(): Promise<void> }> = [];

  afterAll(async () => {
    for (const app of running) await app.close();
    for (const nc of connections) await nc.drain();
    for (const server of servers) await server.dispose();
    chdb.remove();
  });

  async function natsTarget(database: string): Promise<{ target: Target; nc: NatsConnection }> {
    const nats = await startNatsServer();
    servers.push(nats);
    const nc = await connectToNats({ url: nats.url, name: `convergence-${database}` });
    connections.push(nc);
    return { target: { natsUrl: nats.url, chdbPath: chdb.path, database }, nc };
  }

  let clean: Record<string, string>;

  it(
    'gives the same tables when the session is replayed a second time',
    async () => {
      const { target, nc } = await natsTarget('clean_run');
      const apps = await bootPipeline(target);
      running = [apps.replay, apps.normalization, apps.projection];
      await replayFinished(apps.replay, await startReplay(apps.replay, SESSION, 'first'), WAIT_MS);
      await pipelineDrained(nc, WAIT_MS);
      clean = await tableChecksums(clickhouseOf(apps.projection));
      expect(clean.session_laps).not.toMatch(/^0:/);

      await replayFinished(apps.replay, await startReplay(apps.replay, SESSION, 'second'), WAIT_MS);
      await pipelineDrained(nc, WAIT_MS);
      expect(await tableChecksums(clickhouseOf(apps.projection))).toEqual(clean);
      // chDB holds one directory per process: the next run's projection needs this client closed.
      for (const app of running) await app.close();
      running = [];
    },
    TEST_MS,
  );

  it(
    'gives the same tables when normalization and projection are restarted midway',
    async () => {
      const { target, nc } = await natsTarget('restarted_run');
      const apps = await bootPipeline(target);
      running = [apps.replay, apps.normalization, apps.projection];
      const replayId = await startReplay(apps.replay, SESSION, 'restarted', FAULT_SPEED);
      /**
       * Holds the replay once it has sent `messages`, lets `durable` ack `share` of what is in its
       * stream, then stops the service and boots another in its place. With the replay paused the
       * stage cannot catch up with the session, whatever the machine's speed: work is left for the
       * new instance, which rebuilds what it needs from the stream and goes on.
       */
      const restartMidway = async (
        service: 'normalization' | 'projection',
        stream: string,
        durable: string,
        messages: number,
        share: number,
      ) => {
        await eventually(
          async () => (await replayControl(apps.replay, replayId)).messagesSent >= messages,
          WAIT_MS,
          `the replay sends ${messages} messages`,
        );
        expect((await replayControl(apps.replay, replayId, 'pause')).state).toBe('paused');
        await eventually(
          async () => (await ackedShare(nc, stream, durable)) > share,
          WAIT_MS,
          `${durable} acks ${share} of ${stream}`,
        );
        await apps[service].close();
        apps[service] = await bootService(service, target);
        running = [apps.replay, apps.normalization, apps.projection];
        expect((await replayControl(apps.replay, replayId, 'resume')).state).toBe('playing');
      };

      await restartMidway('normalization', 'RAW', 'normalization-livetiming', 5_000, 0.3);
      await restartMidway('projection', 'EVENTS', 'projection-events', 12_000, 0.5);
      await replayControl(apps.replay, replayId, 'speed', { speed: 'max' });

      await replayFinished(apps.replay, replayId, WAIT_MS);
      await pipelineDrained(nc, WAIT_MS);
      expect(await tableChecksums(clickhouseOf(apps.projection))).toEqual(clean);
    },
    TEST_MS,
  );
});
