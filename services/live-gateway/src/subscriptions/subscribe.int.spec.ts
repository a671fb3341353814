import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectToNats } from '@slipstream/messaging';
import { eventually, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { FeedPublisher } from '../testing/feed-publisher';
import { type RunningGateway, startGateway } from '../testing/gateway-app';
import { LiveClient } from '../testing/live-client';
import { carBatch, sessionEvents } from '../testing/session-events';

const SESSION = 9873;
const events = sessionEvents(SESSION);

describe('subscribe: snapshot, then deltas', () => {
  let nats: RunningNatsServer;
  let nc: NatsConnection;
  let gateway: RunningGateway;
  let publish: FeedPublisher;
  const clients: LiveClient[] = [];
  const client = () => {
    const created = new LiveClient(gateway.url);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    gateway = await startGateway(nats.url);
    nc = await connectToNats({ url: nats.url, name: 'subscribe-spec' });
    publish = new FeedPublisher(nc);
    await publish.events([
      events.info(),
      events.driver(1, 'VER', '4781D7'),
      events.driver(44, 'HAM', 'ED1131'),
      events.stint(1, 1, 'SOFT'),
      events.lap(1, 2, [25_000, 26_000, 27_000]),
      events.lap(44, 2, [25_500, 25_900, 27_100]),
      events.classification([1, 44]),
      events.trackStatus('2', 'yellow'),
    ]);
  });

  afterAll(async () => {
    for (const each of clients) each.close();
    await gateway?.close();
    await nc?.drain();
    await nats?.dispose();
  });

  it('acks with a snapshot of what happened before, then sends what happens after', async () => {
    const subscriber = client();
    const ack = await eventually(
      async () => {
        const reply = await subscriber.subscribe({
          sessionKey: SESSION,
          topics: ['timing', 'stints', 'track_status'],
        });
        return reply.snapshot?.timing?.rows.length === 2 && reply.snapshot.track_status ? reply : undefined;
      },
      30_000,
      'a snapshot with both cars',
    );
    // Earlier attempts (before the gateway had both cars) got deltas of their own: only what follows
    // the accepted snapshot is this subscription's.
    subscriber.frames.length = 0;
    expect(ack).toMatchObject({ ok: true, mode: 'snapshot', sessionKey: SESSION });
    expect(ack.topics.sort()).toEqual(['session', 'stints', 'timing', 'track_status']);
    const { snapshot } = ack;
    expect(snapshot.session.info.meetingName).toBe('Mexico City Grand Prix');
    expect(snapshot.session.drivers.map((d: { nameAcronym: string }) => d.nameAcronym)).toEqual([
      'VER',
      'HAM',
    ]);
    expect(
      snapshot.timing.rows.map((row: { driverNumber: number; position: number }) => [
        row.driverNumber,
        row.position,
      ]),
    ).toEqual([
      [1, 1],
      [44, 2],
    ]);
    // VER set every first sector time: all purple; HAM then beat S2 (purple) but not S1/S3 (his own bests: green).
    expect(snapshot.timing.rows[0].lastLap.sectorStatus).toEqual(['overall', 'overall', 'overall']);
    expect(snapshot.timing.rows[1].lastLap.sectorStatus).toEqual(['personal', 'overall', 'personal']);
    expect(snapshot.timing.overallBestSectorsMs).toEqual([25_000, 25_900, 27_000]);
    expect(snapshot.stints).toEqual([
      expect.objectContaining({ driverNumber: 1, stints: [expect.objectContaining({ compound: 'SOFT' })] }),
    ]);
    expect(snapshot.track_status).toMatchObject({ state: 'yellow' });
    expect(snapshot.race_control).toBeUndefined();
    expect(snapshot.sequences.EVENTS).toBeGreaterThanOrEqual(8);

    const lapSeq = await publish.event(events.lap(44, 3, [24_900, 25_800, 26_900]));
    const delta = await eventually(
      async () => subscriber.items('timing').find((item) => item.seq === lapSeq),
      30_000,
      'the lap delta',
    );
    expect(delta).toMatchObject({
      type: 'LapCompleted',
      data: { driverNumber: 44, lapNumber: 3, lapTimeMs: 77_600 },
    });
    expect(subscriber.items('timing').every((item) => item.seq > snapshot.sequences.EVENTS)).toBe(true);
  });

  it('keeps each driver’s order and batches many messages into few frames', async () => {
    const subscriber = client();
    await subscriber.subscribe({ sessionKey: SESSION, topics: ['telemetry'] });
    const sequences: number[] = [];
    for (let i = 0; i < 60; i++) {
      sequences.push(await publish.carData(carBatch(SESSION, i % 2 === 0 ? 1 : 44, 1_000 + i, 200 + i)));
    }
    await eventually(
      async () => subscriber.items('telemetry').length >= 60 || undefined,
      30_000,
      'all telemetry',
    );
    for (const driver of [1, 44]) {
      const speeds = subscriber
        .items('telemetry')
        .filter((item) => item.driverNumber === driver)
        .map((item) => (item.samples![0] as { speed: number }).speed);
      expect(speeds).toEqual([...speeds].sort((a, b) => a - b));
      expect(speeds).toHaveLength(30);
    }
    const telemetryFrames = subscriber.frames.filter((frame) => frame.topic === 'telemetry');
    expect(telemetryFrames.length).toBeLessThan(60);
    expect(subscriber.items('telemetry').map((item) => item.seq)).toEqual(sequences);
  });

  it('sends a driver filter only its cars, and session-wide events to everyone', async () => {
    const filtered = client();
    const ack = await filtered.subscribe({
      sessionKey: SESSION,
      topics: ['timing', 'race_control'],
      drivers: [44],
    });
    expect(ack.snapshot.timing.rows.map((row: { driverNumber: number }) => row.driverNumber)).toEqual([44]);
    await publish.events([
      events.lap(1, 4, [25_000, 26_000, 27_000]),
      events.lap(44, 4, [25_000, 26_000, 27_000]),
      events.raceControl(1, 'GREEN LIGHT - PIT EXIT OPEN', 'GREEN'),
    ]);
    await eventually(
      async () => filtered.items('race_control').length === 1 || undefined,
      30_000,
      'race control',
    );
    await eventually(
      async () => filtered.items('timing').some((item) => item.data?.lapNumber === 4) || undefined,
      30_000,
      'lap 4',
    );
    expect(filtered.items('timing').map((item) => item.data?.driverNumber)).toEqual([44]);
  });

  it('rejects a bad subscription with an error naming the problem', async () => {
    const subscriber = client();
    await subscriber.connected();
    expect(await subscriber.subscribe({ sessionKey: 'abc', topics: ['timing'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', issues: [{ path: 'sessionKey' }] },
    });
    const badTopic = await subscriber.subscribe({ sessionKey: SESSION, topics: ['timing', 'lap_times'] });
    expect(badTopic.error.code).toBe('invalid_request');
    expect(badTopic.error.message).toMatch(/^topics\.1: /);
    expect(badTopic.error.message).toContain('race_control');
    const unknownKey = await subscriber.subscribe({ sessionKey: SESSION, topics: ['timing'], driver: 44 });
    expect(unknownKey.error.message).toMatch(/driver/);
    expect((await subscriber.subscribe({ sessionKey: SESSION, topics: [] })).error.issues[0].path).toBe(
      'topics',
    );
    expect(
      (
        await subscriber.subscribe({
          sessionKey: SESSION,
          topics: ['timing'],
          resumeFrom: { stream: 'RAW', sequence: 1 },
        })
      ).error.issues[0].path,
    ).toMatch(/^resumeFrom/);
    expect(subscriber.frames).toEqual([]);
  });
});
