import { resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { parseCaptureLine, readTextLines } from '@slipstream/livetiming';
import { parseAccessToken } from '@slipstream/livetiming-access';
import { PUBLIC_TOPICS, RESTRICTED_TOPICS, subscribedTopics } from '@slipstream/livetiming-access';
import { eventually } from '@slipstream/testing';

import { type FeedCall, LiveFeedClient, type LiveFeedEvent, type LiveFeedStatus } from './live-feed-client';
import { startConnectProxy } from './testing/connect-proxy';
import { fakeJwt } from './testing/fake-jwt';
import { type CoreHubOptions, type RunningCoreHub, startCoreHub } from './testing/signalr-core-hub';

/** Real live captures (services/ingestion/fixtures/PROVENANCE.md); Dutch has no init line, Brazil does. */
const DUTCH = resolve(__dirname, '../../fixtures/2025_dutch_qualifying.txt.gz');
const BRAZIL = resolve(__dirname, '../../fixtures/2025_brazil_sprint_first2000.txt.gz');

async function captureLines(file: string): Promise<{ init?: Record<string, unknown>; calls: FeedCall[] }> {
  const calls: FeedCall[] = [];
  let init: Record<string, unknown> | undefined;
  for await (const { text } of readTextLines(file)) {
    const line = parseCaptureLine(text);
    const timestamp = new Date(Number(line.receivedNs / 1_000_000n)).toISOString();
    if (line.topic === 'init') init = line.payload as Record<string, unknown>;
    else calls.push({ topic: line.topic, data: line.payload, timestamp });
  }
  return { init, calls };
}

interface Run {
  hub: RunningCoreHub;
  client: LiveFeedClient;
  events: LiveFeedEvent[];
  statuses: LiveFeedStatus[];
  feed(): FeedCall[];
}

describe('the live-timing client (@microsoft/signalr) against a spec-built hub playing real captures', () => {
  let run: Run | undefined;

  afterEach(async () => {
    await run?.client.stop();
    await run?.hub.close();
    run = undefined;
  });

  async function follow(
    hub: CoreHubOptions,
    client: { token?: string; serverTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
  ): Promise<Run> {
    const started = await startCoreHub({ pingIntervalMs: 50, ...hub });
    const events: LiveFeedEvent[] = [];
    const statuses: LiveFeedStatus[] = [];
    const token = client.token ? parseAccessToken(client.token) : undefined;
    const liveClient = new LiveFeedClient({
      url: started.url,
      topics: subscribedTopics(token !== undefined),
      token,
      onEvent: (event) => void events.push(event),
      onStatus: (status) => statuses.push(status),
      // Quick retries keep the test short; the schedule itself is backoffDelay's, tested in messaging.
      reconnectBaseMs: 10,
      reconnectMaxMs: 50,
      serverTimeoutMs: client.serverTimeoutMs ?? 30_000,
      env: client.env ?? {},
    });
    liveClient.start();
    run = {
      hub: started,
      client: liveClient,
      events,
      statuses,
      feed: () => events.flatMap((event) => (event.kind === 'feed' ? [event.call] : [])),
    };
    return run;
  }

  async function playedThrough(count: number): Promise<void> {
    await eventually(async () => run!.hub.finished(), 150_000, 'the hub to play every line');
    await eventually(async () => run!.feed().length >= count, 150_000, 'the client to take every call').catch(
      (error: Error) => {
        throw new Error(
          `${error.message}: ${run!.feed().length} of ${count}, ${JSON.stringify(run!.statuses)}`,
        );
      },
    );
  }

  it('takes every feed call once and in order across refused first negotiations and repeated drops', async () => {
    const { calls } = await captureLines(DUTCH);
    // A hub that refuses the first start twice, then drops twice in a row and once more.
    const { hub, statuses, events } = await follow({
      source: DUTCH,
      refuseNegotiations: 2,
      disconnectAfter: [1_000, 4_000, 4_001, 9_000],
    });
    await playedThrough(calls.length);

    expect(run!.feed()).toEqual(calls);
    expect(hub.negotiations()).toBe(7);
    expect(hub.connections()).toBe(5);
    expect(statuses.filter((status) => status.error).map((status) => status.error)).toEqual([
      expect.stringContaining('503'),
      expect.stringContaining('503'),
      expect.any(String),
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
    // Every connection subscribed again and got the state so far before its first feed call.
    const snapshots = events.filter((event) => event.kind === 'snapshot');
    expect(snapshots).toHaveLength(5);
    expect(Object.keys(snapshots[1].state)).toEqual(expect.arrayContaining(['SessionInfo', 'TimingData']));
    for (const topics of hub.subscriptions()) expect(topics).toEqual([...PUBLIC_TOPICS]);
  }, 360_000);

  it('places the Subscribe completion before feed calls that shared its frame', async () => {
    const { init, calls } = await captureLines(BRAZIL);
    const { events } = await follow({ source: BRAZIL, completionSharesFrame: true });
    await playedThrough(calls.length);

    expect(events[0]).toMatchObject({ kind: 'snapshot', state: init });
    expect(events.slice(1).every((event) => event.kind === 'feed')).toBe(true);
    expect(run!.feed()).toEqual(calls);
  }, 360_000);

  it('gives up on a connection that went silent and carries on over a new one', async () => {
    const { calls } = await captureLines(DUTCH);
    const { hub } = await follow({ source: DUTCH, stallAfter: 2_500 }, { serverTimeoutMs: 3_000 });
    await playedThrough(calls.length);

    expect(hub.connections()).toBe(2);
    expect(run!.feed()).toEqual(calls);
  }, 360_000);

  it('sends the bearer token on negotiate and on the WebSocket, and gets the restricted topics with it', async () => {
    const token = fakeJwt({ exp: Math.floor(Date.now() / 1_000) + 3_600 });
    const source = resolve(__dirname, '../../../../data/sessions/2025-mexico-city-gp-qualifying');
    const { hub } = await follow({ source, tokens: [token], restrictedTopics: RESTRICTED_TOPICS }, { token });
    await eventually(async () => (hub.sentTopics().get('Position.z') ?? 0) > 10, 150_000, 'positions');

    expect(hub.bearers().slice(0, 2)).toEqual([token, token]);
    expect(hub.subscriptions()[0]).toEqual(expect.arrayContaining(['CarData.z', 'Position.z']));
    expect(run!.feed().some((call) => call.topic === 'CarData.z')).toBe(true);
  }, 360_000);

  it('names an expired token as the cause of a 401 and keeps retrying without the token in any message', async () => {
    const token = fakeJwt({ exp: Math.floor(Date.now() / 1_000) - 60 });
    const { hub, statuses } = await follow({ source: DUTCH, tokens: [token] }, { token });
    await eventually(async () => hub.negotiations() >= 3, 150_000, 'three negotiations');

    const errors = statuses.flatMap((status) => (status.error ? [status.error] : []));
    expect(errors[0]).toMatch(/401 Unauthorized: the F1 TV token expired at .*fresh token/);
    expect(errors.join('\n')).not.toContain(token);
  }, 360_000);

  it('names the address range and the proxy on a 403', async () => {
    const { hub, statuses } = await follow({ source: DUTCH, forbidden: true });
    await eventually(async () => hub.negotiations() >= 2, 150_000, 'two negotiations');

    expect(statuses.find((status) => status.error)?.error).toMatch(
      /403 Forbidden: .*address ranges.*HTTPS_PROXY/,
    );
  }, 360_000);

  it('goes through the proxy HTTP_PROXY names for negotiate and the WebSocket, and around it for NO_PROXY', async () => {
    const proxy = await startConnectProxy();
    try {
      const { calls } = await captureLines(BRAZIL);
      const { hub } = await follow({ source: BRAZIL }, { env: { HTTP_PROXY: proxy.url } });
      await playedThrough(calls.length);
      const hubAddress = new URL(hub.url).host;
      // A tunnel for each negotiate and each WebSocket (a loaded machine may need a reconnect).
      const tunnels = proxy.tunnels();
      expect(new Set(tunnels)).toEqual(new Set([hubAddress]));
      expect(tunnels).toHaveLength(hub.negotiations() + hub.connections());
      expect(run!.feed()).toEqual(calls);
      await run!.client.stop();
      await run!.hub.close();

      await follow({ source: BRAZIL }, { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
      await playedThrough(calls.length);
      expect(proxy.tunnels()).toEqual(tunnels);
    } finally {
      await proxy.close();
    }
  }, 360_000);
});
