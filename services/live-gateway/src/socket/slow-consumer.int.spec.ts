import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectToNats } from '@slipstream/messaging';
import { eventually, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { FeedPublisher } from '../testing/feed-publisher';
import { type RunningGateway, startGateway } from '../testing/gateway-app';
import { LiveClient } from '../testing/live-client';
import { positionBatch } from '../testing/session-events';

const SESSION = 9873;

/*
 * Issue 18: a client that stops reading was dropped by engine.io's ping timeout after 45 s, never
 * told `slow_consumer` nor counted. The frame limit here is out of reach, so only a write buffer
 * that does not drain can mark it slow.
 */
describe('a client that stops reading', () => {
  let nats: RunningNatsServer;
  let nc: NatsConnection;
  let gateway: RunningGateway;
  let slow: LiveClient;
  const metric = async (series: string) => {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line ? Number(line.split(' ')[1]) : 0;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    gateway = await startGateway(nats.url, { GATEWAY_MAX_BUFFERED_FRAMES: '100000' });
    nc = await connectToNats({ url: nats.url, name: 'slow-consumer-spec' });
  });

  afterAll(async () => {
    slow?.close();
    await gateway?.close();
    await nc?.drain();
    await nats?.dispose();
  });

  it('is told slow_consumer, counted, then disconnected, before a ping timeout could drop it', async () => {
    slow = new LiveClient(gateway.url);
    await slow.subscribe({ sessionKey: SESSION, topics: ['positions'] });
    const closed = new Promise<string>((resolve) => slow.socket.once('disconnect', resolve));
    const tcp = (
      slow.socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }
    ).ws._socket;
    tcp.pause();
    const publish = new FeedPublisher(nc);
    const samples = Array.from({ length: 150 }, (_, i) => positionBatch(SESSION, 1, i, i, i).samples[0]);
    let published = 0;
    // Keep frames coming (as a live session does) until the gateway gives up on the client.
    await eventually(
      async () => {
        for (let i = 0; i < 50; i++, published++)
          await publish.positions({
            sessionKey: SESSION,
            driverNumber: 1 + (i % 20),
            samples: samples.map((s) => ({ ...s, utcMs: published })),
          });
        return (await metric('slipstream_gateway_rejected_total{reason="slow_consumer"}')) > 0 || undefined;
      },
      150_000,
      'the client counted as a slow consumer',
    );
    expect(await metric('slipstream_gateway_connected_clients{parser="json"}')).toBe(0);
    tcp.resume();
    expect(await closed).toBe('io server disconnect');
    expect(slow.errors.at(-1)).toMatchObject({ code: 'slow_consumer' });
  }, 200_000);
});
