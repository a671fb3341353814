import { request } from 'node:http';

import * as msgpackParser from 'socket.io-msgpack-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { type RunningGateway, startGateway } from '../testing/gateway-app';
import { LiveClient } from '../testing/live-client';

const BURST = 5;

describe('handshake rate limit: new Socket.io connections per client IP', () => {
  let nats: RunningNatsServer;
  let gateway: RunningGateway;
  const clients: LiveClient[] = [];
  const client = (options: ConstructorParameters<typeof LiveClient>[1] = {}) => {
    const created = new LiveClient(gateway.url, options);
    clients.push(created);
    return created;
  };
  const outcome = (each: LiveClient) =>
    each.connected().then(
      () => 'connected',
      () => 'refused',
    );
  const pollingHandshake = (path = '/socket.io') => fetch(`${gateway.url}${path}/?EIO=4&transport=polling`);

  /** A bare WebSocket upgrade, to read the HTTP answer socket.io-client does not expose. */
  const upgradeStatus = () =>
    new Promise<{ status: number | undefined; retryAfter: string | undefined }>((resolve, reject) => {
      const upgrade = request(`${gateway.url}/socket.io/?EIO=4&transport=websocket`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      upgrade.once('upgrade', (response, socket) => {
        socket.destroy();
        resolve({ status: response.statusCode, retryAfter: undefined });
      });
      upgrade.once('response', (response) => {
        response.resume();
        resolve({ status: response.statusCode, retryAfter: response.headers['retry-after'] });
      });
      upgrade.once('error', reject);
      upgrade.end();
    });

  beforeAll(async () => {
    nats = await startNatsServer();
    gateway = await startGateway(nats.url, {
      GATEWAY_HANDSHAKE_BURST: String(BURST),
      GATEWAY_HANDSHAKES_PER_SECOND: '1',
    });
  });

  afterAll(async () => {
    for (const each of clients) each.close();
    await gateway?.close();
    await nats?.dispose();
  });

  it('admits a burst of handshakes, telling each how many are left', async () => {
    const first = await pollingHandshake();
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe(String(BURST));
    expect(first.headers.get('ratelimit-remaining')).toBe(String(BURST - 1));
    await first.text();
    const admitted = await Promise.all(Array.from({ length: BURST - 1 }, () => outcome(client())));
    expect(admitted).toEqual(Array(BURST - 1).fill('connected'));
  });

  it('refuses the next handshake with 429 and Retry-After, on WebSocket, polling and the msgpack path alike', async () => {
    expect(await outcome(client())).toBe('refused');
    expect(await outcome(client({ path: '/socket.io-msgpack', parser: msgpackParser }))).toBe('refused');
    const upgrade = await upgradeStatus();
    expect(upgrade.status).toBe(429);
    expect(Number(upgrade.retryAfter)).toBeGreaterThanOrEqual(1);
    const polling = await pollingHandshake();
    expect(polling.status).toBe(429);
    expect(Number(polling.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(polling.headers.get('ratelimit-remaining')).toBe('0');
    expect(await polling.json()).toMatchObject({ code: 'rate_limited' });
  });

  it('keeps serving the connections it admitted, and health, while refusing new ones', async () => {
    const reply = await clients[0].subscribe({ sessionKey: 9873, topics: ['timing'] });
    expect(reply).toMatchObject({ ok: true, sessionKey: 9873, mode: 'snapshot' });
    expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/slipstream_gateway_rejected_total\{reason="handshake_rate_limited"\} [1-9]/);
  });

  it('admits a new connection again once the bucket has refilled', async () => {
    const refused = await pollingHandshake();
    const wait = Number(refused.headers.get('retry-after') ?? '1');
    await refused.text();
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    expect(await outcome(client())).toBe('connected');
  });
});
