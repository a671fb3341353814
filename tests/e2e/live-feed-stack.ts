import { type INestApplication } from '@nestjs/common';

import { AllInOneModule, configSchema } from '@slipstream/all-in-one';
import { createService } from '@slipstream/platform';
import { createTempDir, type RunningNatsServer, startNatsServer, type TempDir } from '@slipstream/testing';

import { SESSIONS_DIR } from './livetiming-pipeline';

/*
 * What a person running `npm start` has: one real nats-server, the all-in-one process (embedded
 * chDB in a temporary directory) serving the replays, the live feed and the dashboard on one port,
 * and a recorded session replaying through the whole pipeline.
 */

export const MEXICO_QUALIFYING = { folder: '2025-mexico-city-gp-qualifying', sessionKey: 9873 } as const;

export interface LiveFeedStack {
  url: string;
  app: INestApplication;
  close(): Promise<void>;
}

export async function startLiveFeedStack(env: Record<string, string> = {}): Promise<LiveFeedStack> {
  let nats: RunningNatsServer | undefined;
  let chdb: TempDir | undefined;
  try {
    nats = await startNatsServer();
    chdb = createTempDir('slipstream-live-feed-');
    const { app } = await createService(
      { name: 'all-in-one', configSchema, rootModule: (config) => AllInOneModule.forRoot(config) },
      {
        NATS_URL: nats.url,
        CHDB_PATH: chdb.path,
        REPLAY_DIR: SESSIONS_DIR,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
    );
    const { port } = app.getHttpServer().address() as { port: number };
    const [server, dir] = [nats, chdb];
    return {
      url: `http://127.0.0.1:${port}`,
      app,
      async close() {
        await app.close();
        await server.dispose();
        dir.remove();
      },
    };
  } catch (error) {
    await nats?.dispose();
    chdb?.remove();
    throw error;
  }
}

/**
 * Starts replaying a recording at `speed`, jumping ahead to `sessionTimeMs` after the scheduled
 * start: what came before is published at once (so the state is complete), then it is paced.
 */
export async function replayFrom(
  url: string,
  folder: string,
  speed: number,
  sessionTimeMs: number,
): Promise<string> {
  const started = await fetch(`${url}/v1/replays`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session: folder, speed }),
  });
  if (started.status !== 201)
    throw new Error(`replay did not start: ${started.status} ${await started.text()}`);
  const { id } = (await started.json()) as { id: string };
  const seek = await fetch(`${url}/v1/replays/${id}/seek`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionTimeMs }),
  });
  if (seek.status !== 200) throw new Error(`seek failed: ${seek.status} ${await seek.text()}`);
  return id;
}
