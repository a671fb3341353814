import { type INestApplication } from '@nestjs/common';
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
  baseUrl,
  bootPipeline,
  bootService,
  clickhouseOf,
  pipelineDrained,
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

/** Messages the durable has not acked yet, or more to come because the replay is still sending. */
async function workLeft(
  nc: NatsConnection,
  stream: string,
  durable: string,
  replay: INestApplication,
  replayId: string,
): Promise<boolean> {
  if ((await ackedShare(nc, stream, durable)) < 1) return true;
  const view = (await (await fetch(`${baseUrl(replay)}/v1/replays/${replayId}`)).json()) as { state: string };
  return view.state !== 'finished';
}

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
      const replayId = await startReplay(apps.replay, SESSION);
      /** Once `durable` has acked `share` of its stream, stops the service and boots another in its place. */
      const restartMidway = async (
        service: 'normalization' | 'projection',
        stream: string,
        durable: string,
        share: number,
        what: string,
      ) => {
        await eventually(async () => (await ackedShare(nc, stream, durable)) > share, WAIT_MS, what);
        await apps[service].close();
        expect(await workLeft(nc, stream, durable, apps.replay, replayId)).toBe(true);
        apps[service] = await bootService(service, target);
        running = [apps.replay, apps.normalization, apps.projection];
      };

      // Stopped with work left: the new instance rebuilds the session state from RAW and goes on.
      await restartMidway('normalization', 'RAW', 'normalization-livetiming', 0.3, 'a third normalized');
      await restartMidway('projection', 'EVENTS', 'projection-events', 0.5, 'half projected');

      await replayFinished(apps.replay, replayId, WAIT_MS);
      await pipelineDrained(nc, WAIT_MS);
      expect(await tableChecksums(clickhouseOf(apps.projection))).toEqual(clean);
    },
    TEST_MS,
  );
});
