import { resolve } from 'node:path';

import { type INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createService } from '@slipstream/platform';
import { type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { AppModule } from '../app.module';
import { configSchema } from '../config/config.schema';

const sessions = resolve(__dirname, '../../../../data/sessions');
const TOKEN = 'a-replay-control-token-for-tests';

describe('the replay control routes against cross-site and unauthenticated requests', () => {
  let nats: RunningNatsServer;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    ({ app } = await createService(
      { name: 'telemetry-replay', configSchema, rootModule: (config) => AppModule.forRoot(config) },
      {
        NATS_URL: nats.url,
        REPLAY_DIR: sessions,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        REPLAY_CONTROL_TOKEN: TOKEN,
        REPLAY_CORS_ORIGINS: 'https://dashboard.example',
      },
    ));
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
  });

  const replays = async () =>
    ((await (await fetch(`${base}/v1/replays`)).json()) as { replays: unknown[] }).replays;
  const start = (headers: Record<string, string>, body: string) =>
    fetch(`${base}/v1/replays`, { method: 'POST', headers, body });
  const json = JSON.stringify({ session: '2025-miami-gp-sprint', speed: 1, id: 'guarded' });
  const bearer = { authorization: `Bearer ${TOKEN}` };

  it('refuses a form another site posts, and starts nothing', async () => {
    const response = await start(
      { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      'session=2025-miami-gp-sprint&speed=max',
    );
    expect(response.status).toBe(403);
    expect(await replays()).toEqual([]);
  });

  it('refuses JSON from an origin that is not configured, even with the token', async () => {
    const response = await start(
      { 'content-type': 'application/json', origin: 'http://evil.example', ...bearer },
      json,
    );
    expect(response.status).toBe(403);
  });

  it('refuses a request without the token with 401', async () => {
    expect((await start({ 'content-type': 'application/json' }, json)).status).toBe(401);
    expect(
      (await start({ 'content-type': 'application/json', authorization: 'Bearer wrong' }, json)).status,
    ).toBe(401);
  });

  it('takes application/json only: 415 for a form or text, even with the token', async () => {
    const form = await start({ 'content-type': 'application/x-www-form-urlencoded', ...bearer }, 'session=x');
    expect(form.status).toBe(415);
    expect((await start({ 'content-type': 'text/plain', ...bearer }, json)).status).toBe(415);
    expect(await replays()).toEqual([]);
  });

  it('starts a replay for a configured origin with the token, and names the recording, not its path', async () => {
    const response = await start(
      { 'content-type': 'application/json; charset=utf-8', origin: 'https://dashboard.example', ...bearer },
      json,
    );
    expect(response.status).toBe(201);
    const view = (await response.json()) as { recording: string };
    expect(view.recording).toBe('2025-miami-gp-sprint');
    const listed = JSON.stringify(await replays());
    expect(listed).not.toContain(sessions);
    // Every control route is guarded, DELETE too.
    expect((await fetch(`${base}/v1/replays/guarded`, { method: 'DELETE' })).status).toBe(401);
    const stopped = await fetch(`${base}/v1/replays/guarded`, { method: 'DELETE', headers: bearer });
    expect(stopped.status).toBe(200);
  });

  it('answers a missing recording with its name only', async () => {
    const response = await start(
      { 'content-type': 'application/json', ...bearer },
      JSON.stringify({ session: 'no-such-session' }),
    );
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain('no-such-session');
    expect(text).not.toContain(sessions);
  });
});
