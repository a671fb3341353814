import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectToNats, provisionStreams } from '@slipstream/messaging';
import { eventually, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { FeedPublisher } from '../testing/feed-publisher';
import { type RunningGateway, startGateway } from '../testing/gateway-app';
import { sessionEvents } from '../testing/session-events';

describe('GET /v1/feed/sessions and /v1/feed/sessions/live', () => {
  let nats: RunningNatsServer;
  let nc: NatsConnection;
  let gateway: RunningGateway;

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connectToNats({ url: nats.url, name: 'sessions-spec' });
    await provisionStreams(await jetstreamManager(nc));
    const publish = new FeedPublisher(nc);
    // An old session, stored before this gateway's warm-up window: listed, but not in memory.
    await publish.events([sessionEvents(9000).info(), sessionEvents(9000).status('Finalised')]);
    gateway = await startGateway(nats.url, { GATEWAY_WARMUP_MS: '0' });
    await publish.events([sessionEvents(9873).info(), sessionEvents(9873).status('Started', 60)]);
  });

  afterAll(async () => {
    await gateway?.close();
    await nc?.drain();
    await nats?.dispose();
  });

  const get = async (path: string) =>
    ((await (await fetch(`${gateway.url}${path}`)).json()) as { sessions: Array<Record<string, unknown>> })
      .sessions;

  it('lists every session in the store, live ones first', async () => {
    const sessions = await eventually(
      async () => {
        const listed = await get('/v1/feed/sessions');
        // Complete once the live session's status, its second event, has been read too.
        return listed.length === 2 && listed[0].live && listed[0].status !== null ? listed : undefined;
      },
      60_000,
      'both sessions, the live one with its status',
    );
    expect(sessions.map((session) => session.sessionKey)).toEqual([9873, 9000]);
    expect(sessions[0]).toMatchObject({
      meetingName: 'Mexico City Grand Prix',
      sessionName: 'Qualifying',
      status: 'Started',
      live: true,
    });
    expect(sessions[1]).toMatchObject({ sessionKey: 9000, status: null, live: false, lastMessageAt: null });
  });

  it('lists what is live or replaying now, telling a replay by its feed clock', async () => {
    const live = await get('/v1/feed/sessions/live');
    // The test events happened in 2025 but arrive now: a recording being replayed.
    expect(live).toEqual([expect.objectContaining({ sessionKey: 9873, live: true, mode: 'replay' })]);
  });
});
