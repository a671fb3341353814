import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectToNats } from '@slipstream/messaging';
import { eventually, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { FeedPublisher } from '../testing/feed-publisher';
import { type RunningGateway, startGateway } from '../testing/gateway-app';
import { LiveClient } from '../testing/live-client';
import { positionBatch, sessionEvents } from '../testing/session-events';

const SESSION = 9873;
const OTHER_SESSION = 9874;
const events = sessionEvents(SESSION);

describe('resume after a disconnect', () => {
  let nats: RunningNatsServer;
  let nc: NatsConnection;
  let gateway: RunningGateway;
  let strict: RunningGateway;
  let publish: FeedPublisher;
  const clients: LiveClient[] = [];
  const client = (url = gateway.url) => {
    const created = new LiveClient(url);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    gateway = await startGateway(nats.url);
    strict = await startGateway(nats.url, { GATEWAY_RESUME_MAX_MESSAGES: '5' });
    nc = await connectToNats({ url: nats.url, name: 'resume-spec' });
    publish = new FeedPublisher(nc);
    await publish.events([events.info(), events.driver(1, 'VER'), events.driver(44, 'HAM')]);
  });

  afterAll(async () => {
    for (const each of clients) each.close();
    await gateway?.close();
    await strict?.close();
    await nc?.drain();
    await nats?.dispose();
  });

  it('replays exactly what a client missed, then continues live without duplicates', async () => {
    const topics = ['timing', 'positions'];
    const first = client();
    await eventually(
      async () => {
        const reply = await first.subscribe({ sessionKey: SESSION, topics });
        return reply.snapshot.session.drivers.length === 2 ? reply : undefined;
      },
      30_000,
      'both drivers in the snapshot',
    );
    const before = await publish.event(events.lap(1, 2, [25_000, 26_000, 27_000]));
    await eventually(
      async () => first.items('timing').some((item) => item.seq === before) || undefined,
      30_000,
      'the first lap',
    );
    // The last `sync` says what the client has everything up to.
    await eventually(
      async () => (first.synced && first.synced.sequences.EVENTS >= before) || undefined,
      30_000,
      'a sync after the lap',
    );
    const resumeFrom = [
      { stream: 'EVENTS', sequence: first.synced!.sequences.EVENTS },
      { stream: 'TELEMETRY', sequence: first.synced!.sequences.TELEMETRY },
    ];
    first.close();
    // A second client stays connected: once it has the last missed item, the gateway has flushed them all,
    // so the resume below must replay them from the stream rather than get them live.
    const watcher = client();
    await watcher.subscribe({ sessionKey: SESSION, topics });

    // While it is away: its session's laps and positions, another session, and a topic it did not ask for.
    const missed: string[] = [];
    for (let lap = 3; lap <= 6; lap++) {
      missed.push(`EVENTS:${await publish.event(events.lap(44, lap, [25_000 + lap, 26_000, 27_000]))}`);
      await publish.event(sessionEvents(OTHER_SESSION).lap(44, lap, [25_000, 26_000, 27_000]));
      await publish.event(events.raceControl(lap, `message ${lap}`));
      missed.push(
        `TELEMETRY:${await publish.positions(positionBatch(SESSION, 44, 1_000 + lap, lap * 10, lap * 20))}`,
      );
    }

    await eventually(
      async () =>
        watcher.items('positions').some((item) => `TELEMETRY:${item.seq}` === missed.at(-1)) || undefined,
      30_000,
      'the gateway read it all',
    );

    const again = client();
    const resumed = await again.subscribe({ sessionKey: SESSION, topics, resumeFrom });
    expect(resumed).toMatchObject({ ok: true, mode: 'resume', replayed: missed.length });
    expect(resumed.snapshot).toBeUndefined();
    await eventually(
      async () => again.frames.flatMap((frame) => frame.items).length >= missed.length || undefined,
      30_000,
      'the replay',
    );
    const replayed = again.frames
      .filter((frame) => frame.replayed)
      .flatMap((frame) => frame.items.map((item) => `${frame.stream}:${item.seq}`));
    expect(replayed.sort()).toEqual([...missed].sort());
    expect(again.items('timing').map((item) => item.data?.lapNumber)).toEqual([3, 4, 5, 6]);

    const live = await publish.event(events.lap(44, 7, [25_000, 26_000, 27_000]));
    await eventually(
      async () => again.items('timing').some((item) => item.seq === live) || undefined,
      30_000,
      'the next live lap',
    );
    const all = again.frames.flatMap((frame) => frame.items.map((item) => `${frame.stream}:${item.seq}`));
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((key) => !missed.includes(key))).toEqual([`EVENTS:${live}`]);
  });

  it('sends a fresh snapshot to a client too far behind', async () => {
    const reply = await eventually(
      async () => {
        const answer = await client(strict.url).subscribe({
          sessionKey: SESSION,
          topics: ['timing'],
          resumeFrom: { stream: 'EVENTS', sequence: 1 },
        });
        return answer.snapshot?.timing.rows.find((row: { driverNumber: number }) => row.driverNumber === 44)
          ?.lastLap?.lapNumber === 7
          ? answer
          : undefined;
      },
      30_000,
      'a snapshot with the last lap',
    );
    expect(reply).toMatchObject({ ok: true, mode: 'snapshot', resumeRefused: 'more than 5 messages behind' });
  });

  it('sends a snapshot when the client gives no position for a stream it subscribes to', async () => {
    const reply = await client().subscribe({
      sessionKey: SESSION,
      topics: ['positions'],
      resumeFrom: { stream: 'EVENTS', sequence: 3 },
    });
    expect(reply).toMatchObject({ mode: 'snapshot', resumeRefused: 'no resume position for TELEMETRY' });
    expect(reply.snapshot.positions).toEqual([expect.objectContaining({ driverNumber: 44, x: 60, y: 120 })]);
  });
});
