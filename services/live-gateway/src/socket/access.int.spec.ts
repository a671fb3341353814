import { type NatsConnection } from '@nats-io/transport-node';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectToNats } from '@slipstream/messaging';
import { eventually, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { FeedPublisher } from '../testing/feed-publisher';
import { type RunningGateway, startGateway } from '../testing/gateway-app';
import { LiveClient } from '../testing/live-client';
import { carBatch, sessionEvents } from '../testing/session-events';

const SESSION = 9873;
const TOKEN = 'a-private-deployment-token';

describe('access: token auth, msgpack', () => {
  let nats: RunningNatsServer;
  let nc: NatsConnection;
  let gateway: RunningGateway;
  const clients: LiveClient[] = [];
  const client = (options: ConstructorParameters<typeof LiveClient>[1] = {}) => {
    const created = new LiveClient(gateway.url, options);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    gateway = await startGateway(nats.url, { GATEWAY_AUTH_TOKEN: TOKEN });
    nc = await connectToNats({ url: nats.url, name: 'access-spec' });
    await new FeedPublisher(nc).events([
      sessionEvents(SESSION).info(),
      sessionEvents(SESSION).driver(16, 'LEC', 'ED1131'),
    ]);
  });

  afterAll(async () => {
    for (const each of clients) each.close();
    await gateway?.close();
    await nc?.drain();
    await nats?.dispose();
  });

  it('refuses a socket without the token, and admits one that presents it', async () => {
    const refused = await client()
      .connected()
      .then(
        () => null,
        (error: Error & { data?: unknown }) => error,
      );
    expect(refused?.data).toMatchObject({ code: 'unauthorized' });
    expect(
      await client({ auth: { token: 'wrong-token-of-some-length' } })
        .connected()
        .then(
          () => 'connected',
          () => 'refused',
        ),
    ).toBe('refused');
    await client({ auth: { token: TOKEN } }).connected();
    await client({ extraHeaders: { authorization: `Bearer ${TOKEN}` } }).connected();
  });

  it('asks the HTTP API for the same token', async () => {
    expect((await fetch(`${gateway.url}/v1/feed/sessions`)).status).toBe(401);
    const listed = await fetch(`${gateway.url}/v1/feed/sessions`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(listed.status).toBe(200);
    expect((await fetch(`${gateway.url}/v1/feed/sessions/live?token=${TOKEN}`)).status).toBe(200);
  });

  it('speaks msgpack on its own path, telemetry included', async () => {
    const packed = client({ auth: { token: TOKEN }, path: '/socket.io-msgpack', parser: msgpackParser });
    const ack = await eventually(
      async () => {
        const reply = await packed.subscribe({ sessionKey: SESSION, topics: ['telemetry'] });
        return reply.snapshot?.session.drivers.length === 1 ? reply : undefined;
      },
      30_000,
      'the driver in the snapshot',
    );
    expect(ack.snapshot.session.drivers[0].nameAcronym).toBe('LEC');
    const seq = await new FeedPublisher(nc).carData(carBatch(SESSION, 16, 1_761_426_000_000, 312));
    const item = await eventually(
      async () => packed.items('telemetry').find((each) => each.seq === seq),
      30_000,
      'the telemetry delta',
    );
    expect(item).toEqual({
      seq,
      driverNumber: 16,
      samples: [
        { utcMs: 1_761_426_000_000, rpm: 11_000, speed: 312, gear: 7, throttle: 100, brake: 0, drs: 0 },
      ],
    });
  });
});
