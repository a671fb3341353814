import { resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { parseCaptureLine, readTextLines } from '@slipstream/livetiming';
import { eventually } from '@slipstream/testing';

import { type FeedCall } from './signalr-protocol';
import { type RunningCaptureServer, startCaptureServer } from './signalr-capture-server';
import { SignalRLiveClient } from './signalr-client';

/** A real live capture of the 2025 Dutch GP qualifying (services/ingestion/fixtures/PROVENANCE.md). */
const CAPTURE = resolve(__dirname, '../../fixtures/2025_dutch_qualifying.txt.gz');

/** The feed calls of the capture as the hub sends them, in order (the opening snapshot aside). */
async function captureFeedCalls(): Promise<FeedCall[]> {
  const calls: FeedCall[] = [];
  for await (const { text } of readTextLines(CAPTURE)) {
    const line = parseCaptureLine(text);
    if (line.topic !== 'init') calls.push({ topic: line.topic, data: line.payload });
  }
  return calls;
}

interface Received {
  calls: FeedCall[];
  statuses: Array<{ state: string; error?: string }>;
}

function connect(server: RunningCaptureServer, idleTimeoutMs?: number) {
  const received: Received = { calls: [], statuses: [] };
  const client = new SignalRLiveClient({
    url: server.url,
    // This capture opens without a full-state line: every call is a feed call.
    onMessage: (call) => {
      received.calls.push({ topic: call.topic, data: call.data });
    },
    onStatus: ({ state, error }) => received.statuses.push({ state, error }),
    // Quick retries keep the test short; the schedule itself is backoffDelay's, tested in messaging.
    reconnectBaseMs: 10,
    reconnectMaxMs: 50,
    idleTimeoutMs,
  });
  client.start();
  return { client, received };
}

/** Until the hub has sent every line and the client has taken as many calls. */
async function playedThrough(server: RunningCaptureServer, received: Received, count: number): Promise<void> {
  await eventually(async () => server.finished(), 60_000, 'the hub to play every line');
  await eventually(async () => received.calls.length >= count, 30_000, 'the client to take every call');
}

describe('the live-timing SignalR client against a local hub playing a real capture', () => {
  let server: RunningCaptureServer | undefined;
  let client: SignalRLiveClient | undefined;

  afterEach(async () => {
    await client?.stop();
    await server?.close();
  });

  it('takes every feed call once and in order across refused negotiations and repeated drops', async () => {
    const expected = await captureFeedCalls();
    // Two drops in a row (the second one call after reconnecting) and a hub that refuses twice.
    server = await startCaptureServer({
      file: CAPTURE,
      disconnectAfter: [1_000, 4_000, 4_001, 9_000],
      refuseNegotiations: 2,
    });
    const connection = connect(server);
    client = connection.client;
    await playedThrough(server, connection.received, expected.length);

    expect(server.negotiations()).toBe(7);
    expect(server.connections()).toBe(5);
    expect(connection.received.calls).toEqual(expected);
    const refusals = connection.received.statuses.filter((status) => status.error);
    expect(refusals.map((status) => status.error)).toEqual([
      'negotiate answered 503',
      'negotiate answered 503',
    ]);
    expect(connection.received.statuses.filter((status) => status.state === 'connected')).toHaveLength(5);
  }, 120_000);

  it('gives up on a connection that went silent and carries on over a new one', async () => {
    const expected = await captureFeedCalls();
    server = await startCaptureServer({ file: CAPTURE, stallAfter: 2_500 });
    const connection = connect(server, 500);
    client = connection.client;
    await playedThrough(server, connection.received, expected.length);

    expect(server.connections()).toBe(2);
    expect(connection.received.calls).toEqual(expected);
  }, 120_000);
});
