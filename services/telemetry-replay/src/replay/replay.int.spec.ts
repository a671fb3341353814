import { resolve } from 'node:path';

import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { controlSubjects, type RawRecord, rawSubjects } from '@slipstream/contracts';
import { connectToNats, decodeJson, encodeJson } from '@slipstream/messaging';
import { createService } from '@slipstream/platform';
import { eventually, readStream, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { AppModule } from '../app.module';
import { configSchema } from '../config/config.schema';

const sessions = resolve(__dirname, '../../../../data/sessions');

describe('telemetry-replay over HTTP and NATS request-reply', () => {
  let nats: RunningNatsServer;
  let app: INestApplication;
  let nc: NatsConnection;
  let base: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    ({ app } = await createService(
      { name: 'telemetry-replay', configSchema, rootModule: (config) => AppModule.forRoot(config) },
      { NATS_URL: nats.url, REPLAY_DIR: sessions, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    ));
    const address = app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    nc = await connectToNats({ url: nats.url, name: 'replay-spec' });
  });

  afterAll(async () => {
    await nc?.drain();
    await app?.close();
    await nats?.dispose();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('lists the bundled recordings', async () => {
    const body = (await (await fetch(`${base}/v1/recordings`)).json()) as { recordings: string[] };
    expect(body.recordings).toEqual(
      expect.arrayContaining(['2025-mexico-city-gp-qualifying', '2025-miami-gp-sprint']),
    );
  });

  it('rejects a bad request with a 400 naming the parameter', async () => {
    const response = await post('/v1/replays', { session: '../etc', speed: -3 });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ parameter: string }> };
    expect(body.errors.map((error) => error.parameter).sort()).toEqual(['session', 'speed']);
    expect((await post('/v1/replays', { session: 'no-such-session' })).status).toBe(404);
  });

  it('replays a whole session at full speed onto RAW, every topic under the session key', async () => {
    const started = await post('/v1/replays', { session: '2025-miami-gp-sprint', speed: 'max' });
    expect(started.status).toBe(201);
    const view = (await started.json()) as { id: string; sessionKey: number };
    expect(view.sessionKey).toBe(10028);
    const finished = await eventually(
      async () => {
        const status = (await (await fetch(`${base}/v1/replays/${view.id}`)).json()) as {
          state: string;
          messagesSent: number;
        };
        return status.state === 'finished' ? status : undefined;
      },
      60_000,
      'the replay to finish',
    );
    const raw = await eventually(
      async () => {
        const messages = await readStream(nc, 'RAW', rawSubjects.livetimingSession(10028));
        return messages.length === finished.messagesSent ? messages : undefined;
      },
      30_000,
      'every message in RAW',
    );
    const topics = new Set(raw.map((message) => message.json<RawRecord>().resource));
    expect([...topics].sort()).toEqual([
      'DriverList',
      'LapCount',
      'RaceControlMessages',
      'SessionInfo',
      'SessionStatus',
      'TimingAppData',
      'TimingData',
      'TrackStatus',
    ]);
    const first = raw[0].json<RawRecord>();
    expect(first).toMatchObject({ source: 'livetiming', meta: { sessionKey: '10028', origin: 'archive' } });
  });

  it('answers the same controls over NATS request-reply', async () => {
    const reply = await nc.request(controlSubjects.replay, encodeJson({ action: 'list' }), {
      timeout: 5_000,
    });
    const body = decodeJson<{ ok: boolean; result: Array<{ id: string; state: string }> }>(reply.data);
    expect(body.ok).toBe(true);
    expect(body.result).toEqual([expect.objectContaining({ id: '10028', state: 'finished' })]);
    const bad = await nc.request(controlSubjects.replay, encodeJson({ action: 'pause', id: 'nope' }), {
      timeout: 5_000,
    });
    expect(decodeJson<{ ok: boolean; error: string }>(bad.data)).toEqual({
      ok: false,
      error: 'no replay nope',
    });
  });

  it('pauses, seeks and resumes a paced replay', async () => {
    const view = (await (
      await post('/v1/replays', { session: '2025-mexico-city-gp-qualifying', speed: 1, id: 'paced' })
    ).json()) as {
      id: string;
    };
    const paused = (await (await post(`/v1/replays/${view.id}/pause`, {})).json()) as { state: string };
    expect(paused.state).toBe('paused');
    const seeked = (await (await post(`/v1/replays/${view.id}/seek`, { offsetMs: 60_000 })).json()) as {
      positionMs: number;
    };
    expect(seeked.positionMs).toBe(60_000);
    const resumed = (await (await post(`/v1/replays/${view.id}/resume`, {})).json()) as { state: string };
    expect(resumed.state).toBe('playing');
    const stopped = await fetch(`${base}/v1/replays/${view.id}`, { method: 'DELETE' });
    expect(stopped.status).toBe(200);
  });
});
