import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectToNats } from '@slipstream/messaging';
import { eventually, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { FeedPublisher } from '../testing/feed-publisher';
import { type RunningGateway, startGateway } from '../testing/gateway-app';
import { LiveClient } from '../testing/live-client';
import { positionBatch, sessionEvents } from '../testing/session-events';

const SESSION = 9873;

describe('per-connection limits', () => {
  let nats: RunningNatsServer;
  let nc: NatsConnection;
  let gateway: RunningGateway;
  let open: LiveClient[] = [];
  const client = () => {
    const created = new LiveClient(gateway.url);
    open.push(created);
    return created;
  };
  const closeAll = async () => {
    for (const each of open) each.close();
    open = [];
    // The server notices the disconnects asynchronously.
    await eventually(
      async () => (await metric('slipstream_gateway_connected_clients{parser="json"}')) === 0 || undefined,
      10_000,
      'no clients',
    );
  };
  const metric = async (series: string) => {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line ? Number(line.split(' ')[1]) : 0;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    gateway = await startGateway(nats.url, {
      GATEWAY_MAX_CONNECTIONS: '3',
      GATEWAY_MAX_SUBSCRIPTIONS: '2',
      GATEWAY_MAX_PAYLOAD_BYTES: '512',
      GATEWAY_MAX_EVENTS_PER_SECOND: '5',
      GATEWAY_MAX_BUFFERED_FRAMES: '4',
    });
    nc = await connectToNats({ url: nats.url, name: 'limits-spec' });
  });

  afterAll(async () => {
    for (const each of open) each.close();
    await gateway?.close();
    await nc?.drain();
    await nats?.dispose();
  });

  it('refuses connections beyond the maximum with a reason, and admits again once one leaves', async () => {
    const admitted = [client(), client(), client()];
    await Promise.all(admitted.map((each) => each.connected()));
    const refused = await client()
      .connected()
      .then(
        () => null,
        (error: Error & { data?: unknown }) => error,
      );
    expect(refused?.message).toBe('this gateway serves at most 3 connections; retry later or elsewhere');
    expect(refused?.data).toMatchObject({ code: 'too_many_connections' });
    admitted[0].close();
    await eventually(
      async () =>
        client()
          .connected()
          .then(
            () => true,
            () => false,
          ),
      10_000,
      'a free slot',
    );
    await closeAll();
  });

  it('limits subscriptions per connection; re-subscribing to a session replaces it', async () => {
    const subscriber = client();
    expect((await subscriber.subscribe({ sessionKey: 1, topics: ['timing'] })).ok).toBe(true);
    expect((await subscriber.subscribe({ sessionKey: 2, topics: ['timing'] })).ok).toBe(true);
    expect(await subscriber.subscribe({ sessionKey: 3, topics: ['timing'] })).toEqual({
      ok: false,
      error: {
        code: 'too_many_subscriptions',
        message: 'at most 2 sessions per connection; unsubscribe from one first',
      },
    });
    expect((await subscriber.subscribe({ sessionKey: 1, topics: ['weather'] })).ok).toBe(true);
    expect(await subscriber.socket.emitWithAck('unsubscribe', { sessionKey: 2 })).toEqual({
      ok: true,
      sessionKey: 2,
    });
    expect((await subscriber.subscribe({ sessionKey: 3, topics: ['timing'] })).ok).toBe(true);
    await closeAll();
  });

  it('refuses oversized messages and unknown events', async () => {
    const subscriber = client();
    const big = await subscriber.subscribe({
      sessionKey: SESSION,
      topics: ['timing'],
      note: 'x'.repeat(600),
    });
    expect(big.error.code).toBe('payload_too_large');
    expect(big.error.message).toMatch(/^message of \d+ bytes; at most 512 bytes are accepted$/);
    expect(await subscriber.socket.emitWithAck('hello', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_event' },
    });
    subscriber.socket.emit('hello');
    await eventually(
      async () => subscriber.errors.length === 1 || undefined,
      10_000,
      'a gateway_error event',
    );
    expect(subscriber.errors[0]).toMatchObject({ code: 'unknown_event' });
    await closeAll();
  });

  it('answers a subscribe without a payload through its acknowledgement, not as an event', async () => {
    const subscriber = client();
    const events: unknown[] = [];
    subscriber.socket.on('subscribed', (reply: unknown) => events.push(reply));
    const reply = await subscriber.socket.timeout(30_000).emitWithAck('subscribe');
    expect(reply).toMatchObject({ ok: false, error: { code: expect.any(String) } });
    expect(await subscriber.socket.timeout(30_000).emitWithAck('unsubscribe')).toMatchObject({ ok: false });
    expect(events).toEqual([]);
    await closeAll();
  });

  it('rate-limits a client that sends too fast', async () => {
    const subscriber = client();
    await subscriber.connected();
    const replies = await Promise.all(
      Array.from({ length: 30 }, () => subscriber.subscribe({ sessionKey: SESSION, topics: ['timing'] })),
    );
    const limited = replies.filter((reply) => reply.error?.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].error.message).toBe('more than 5 messages per second; slow down');
    expect(replies.filter((reply) => reply.ok).length).toBeGreaterThan(0);
    await closeAll();
  });

  it('drops positions for a client that stops reading, but never its timing', async () => {
    const publish = new FeedPublisher(nc);
    const events = sessionEvents(SESSION);
    const slow = client();
    await slow.subscribe({ sessionKey: SESSION, topics: ['timing', 'positions'] });
    const tcp = (
      slow.socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }
    ).ws._socket;
    tcp.pause();
    // Far more than the kernel buffers between the two ends, so the gateway's own queue has to grow.
    const samples = Array.from({ length: 150 }, (_, i) => positionBatch(SESSION, 1, i, i, i).samples[0]);
    let published = 0;
    const laps: number[] = [];
    for (
      let round = 0;
      round < 40 && (await metric('slipstream_gateway_frames_dropped_total{topic="positions"}')) === 0;
      round++
    ) {
      for (let i = 0; i < 100; i++, published++)
        await publish.positions({
          sessionKey: SESSION,
          driverNumber: 1 + (i % 20),
          samples: samples.map((s) => ({ ...s, utcMs: published })),
        });
      if (laps.length < 5)
        laps.push(await publish.event(events.lap(1, laps.length + 2, [25_000, 26_000, 27_000])));
    }
    expect(await metric('slipstream_gateway_frames_dropped_total{topic="positions"}')).toBeGreaterThan(0);
    tcp.resume();
    await eventually(
      async () => laps.every((seq) => slow.items('timing').some((item) => item.seq === seq)) || undefined,
      30_000,
      'every lap',
    );
    expect(slow.items('positions').length).toBeLessThan(published);
    expect(slow.socket.connected).toBe(true);
  });
});
