import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { type INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningArchiveStandIn, startArchiveStandIn } from '@slipstream/livetiming-access';
import { createService } from '@slipstream/platform';
import { type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { AppModule } from '../app.module';
import { configSchema } from '../config/config.schema';

/** An unsigned JWT-shaped token: the stand-in only reads its `exp`. */
const jwt = (claims: object) =>
  ['{"alg":"none"}', JSON.stringify(claims), 'sig']
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.');

/** The replay API beside its local recordings: F1's archive (a local stand-in), and a download on request. */
describe('downloadable sessions in the replay API', () => {
  const data = resolve(__dirname, '../../../../data');
  const token = jwt({ exp: Math.floor(Date.now() / 1_000) + 3_600 });
  const replayDir = mkdtempSync(join(tmpdir(), 'replay-archive-'));
  let nats: RunningNatsServer;
  let archive: RunningArchiveStandIn;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    archive = await startArchiveStandIn({
      seasonIndexDir: join(data, 'livetiming-season-index'),
      sessions: [join(data, 'sessions', '2025-miami-gp-sprint')],
      tokens: [token],
    });
    ({ app } = await createService(
      { name: 'telemetry-replay', configSchema, rootModule: (config) => AppModule.forRoot(config) },
      {
        NATS_URL: nats.url,
        REPLAY_DIR: replayDir,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        LIVETIMING_ARCHIVE_URL: archive.url,
        LIVETIMING_ACCESS_TOKEN: token,
      },
    ));
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await archive?.close();
    await nats?.dispose();
  });

  const downloadable = async (year: number) =>
    (await (await fetch(`${base}/v1/recordings/downloadable?year=${year}`)).json()) as {
      sessions: Array<{ recording: string; local: boolean; key: number }>;
    };

  it('lists a season with the folder each session would have, none of them local yet', async () => {
    const season = await downloadable(2025);
    expect(season.sessions).toEqual([
      expect.objectContaining({ recording: '2025-miami-gp-sprint', key: 10028, local: false }),
    ]);
    expect((await downloadable(2023)).sessions.length).toBeGreaterThan(100);
  });

  it('downloads one on request; it is then a local recording the replay API lists', async () => {
    const response = await fetch(`${base}/v1/recordings/downloads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ year: 2025, meeting: 'Miami', session: 'Sprint' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ recording: '2025-miami-gp-sprint', files: 8, missing: [] });
    expect((await downloadable(2025)).sessions[0].local).toBe(true);
    const recordings = (await (await fetch(`${base}/v1/recordings`)).json()) as { recordings: string[] };
    expect(recordings.recordings).toContain('2025-miami-gp-sprint');
    expect(readdirSync(join(replayDir, '2025-miami-gp-sprint'))).toContain('TimingData.jsonStream');
  });

  it('answers an unknown session with 404 and a bad year with 400, naming what is wrong', async () => {
    const unknown = await fetch(`${base}/v1/recordings/downloads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ year: 2025, meeting: 'Monaco', session: 'Race' }),
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain('no meeting matches "Monaco"');
    expect((await fetch(`${base}/v1/recordings/downloadable?year=1949`)).status).toBe(400);
  });
});
