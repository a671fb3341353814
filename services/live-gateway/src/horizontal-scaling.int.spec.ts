import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectToNats } from '@slipstream/messaging';
import { eventually, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { FeedPublisher } from './testing/feed-publisher';
import { type RunningGateway, startGateway } from './testing/gateway-app';
import { LiveClient } from './testing/live-client';
import { carBatch, sessionEvents } from './testing/session-events';

const SESSION = 9873;
const events = sessionEvents(SESSION);
const keysOf = (client: LiveClient) =>
  client.frames.flatMap((frame) => frame.items.map((item) => `${frame.stream}:${item.seq}`));

/** ADR 0006: no shared adapter; each instance reads the whole feed from NATS and serves its own sockets. */
describe('two gateway instances on one NATS', () => {
  let nats: RunningNatsServer;
  let nc: NatsConnection;
  let first: RunningGateway;
  let second: RunningGateway;
  let publish: FeedPublisher;
  const clients: LiveClient[] = [];
  const client = (gateway: RunningGateway) => {
    const created = new LiveClient(gateway.url);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    [first, second] = await Promise.all([startGateway(nats.url), startGateway(nats.url)]);
    expect(first.url).not.toBe(second.url);
    nc = await connectToNats({ url: nats.url, name: 'scaling-spec' });
    publish = new FeedPublisher(nc);
    await publish.events([
      events.info(),
      events.driver(4, 'NOR', 'F47600'),
      events.driver(81, 'PIA', 'F47600'),
    ]);
  });

  afterAll(async () => {
    for (const each of clients) each.close();
    await first?.close();
    await second?.close();
    await nc?.drain();
    await nats?.dispose();
  });

  it('serves clients of the same session from either instance with the same items', async () => {
    // Probes wait until each instance has read the drivers, so the clients compared below
    // both start from the same snapshot (a client subscribed earlier would also see them as deltas).
    for (const gateway of [first, second]) {
      await eventually(
        async () => {
          const probe = client(gateway);
          const reply = await probe.subscribe({ sessionKey: SESSION, topics: ['timing'] });
          probe.close();
          return reply.snapshot.session.drivers.length === 2 || undefined;
        },
        30_000,
        'the drivers',
      );
    }
    const onFirst = client(first);
    const onSecond = client(second);
    for (const subscriber of [onFirst, onSecond]) {
      const reply = await subscriber.subscribe({ sessionKey: SESSION, topics: ['timing', 'telemetry'] });
      expect(reply.snapshot.session.drivers).toHaveLength(2);
    }
    const published: string[] = [];
    for (let lap = 2; lap <= 5; lap++) {
      published.push(`EVENTS:${await publish.event(events.lap(4, lap, [25_000, 26_000, 27_000]))}`);
      published.push(`TELEMETRY:${await publish.carData(carBatch(SESSION, 81, lap, 300 + lap))}`);
    }
    for (const subscriber of [onFirst, onSecond]) {
      await eventually(
        async () => published.every((key) => keysOf(subscriber).includes(key)) || undefined,
        30_000,
        'every item',
      );
    }
    // Order is promised within a stream; how EVENTS and TELEMETRY interleave depends on tick boundaries.
    for (const stream of ['EVENTS:', 'TELEMETRY:']) {
      const ofStream = (subscriber: LiveClient) => keysOf(subscriber).filter((key) => key.startsWith(stream));
      expect(ofStream(onFirst)).toEqual(ofStream(onSecond));
      expect(ofStream(onFirst)).toEqual(published.filter((key) => key.startsWith(stream)));
    }
  });

  it('lets a client that dropped from one instance resume on the other with exactly what it missed', async () => {
    const away = client(first);
    const ack = await away.subscribe({ sessionKey: SESSION, topics: ['timing'] });
    const at = await publish.event(events.lap(81, 2, [25_000, 26_000, 27_000]));
    await eventually(
      async () => away.items('timing').some((item) => item.seq === at) || undefined,
      30_000,
      'the lap',
    );
    away.close();

    const watcher = client(second);
    await watcher.subscribe({ sessionKey: SESSION, topics: ['timing'] });
    const missed = [
      await publish.event(events.lap(81, 3, [25_000, 26_000, 27_000])),
      await publish.event(events.position(81, 1)),
    ];
    await eventually(
      async () => watcher.items('timing').some((item) => item.seq === missed[1]) || undefined,
      30_000,
      'the second instance read them',
    );

    const back = client(second);
    const reply = await back.subscribe({
      sessionKey: SESSION,
      topics: ['timing'],
      resumeFrom: { stream: 'EVENTS', sequence: Math.max(at, ack.sequences.EVENTS) },
    });
    expect(reply).toMatchObject({ ok: true, mode: 'resume', replayed: 2 });
    await eventually(async () => back.items('timing').length === 2 || undefined, 30_000, 'the replay');
    expect(back.items('timing').map((item) => item.seq)).toEqual(missed);
  });
});
