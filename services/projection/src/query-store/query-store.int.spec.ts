import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo } from 'node:net';

import { afterAll, describe, expect, it } from 'vitest';

import { type ClickHouseHandle, createClickHouse } from '@slipstream/clickhouse';
import { createTempDir } from '@slipstream/testing';

import { createQueryClickHouse } from './query-store.module';

/** A stand-in for a ClickHouse server's HTTP interface that records what the client sends. */
async function recordingServer() {
  const requests: Array<{ url: string; authorization?: string; user?: string }> = [];
  const server = createServer((request: IncomingMessage, response) => {
    requests.push({
      url: request.url ?? '',
      authorization: request.headers.authorization,
      user: request.headers['x-clickhouse-user'] as string | undefined,
    });
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'text/plain' }).end(''));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => server.close() };
}

describe('the query APIs’ ClickHouse connection', () => {
  const dir = createTempDir('slipstream-query-store-');
  let embedded: ClickHouseHandle | undefined;
  afterAll(async () => {
    await embedded?.close();
    dir.remove();
  });

  it('reads as the query user on a read-only connection when a server and that user are configured', async () => {
    const server = await recordingServer();
    const shared = { mode: 'server' } as ClickHouseHandle;
    const reader = await createQueryClickHouse(
      {
        CLICKHOUSE_URL: server.url,
        CLICKHOUSE_DATABASE: 'slipstream',
        CHDB_PATH: dir.path,
        CLICKHOUSE_QUERY_USER: 'slipstream_query',
        CLICKHOUSE_QUERY_PASSWORD: 'q-secret',
      },
      shared,
    );
    expect(reader).not.toBe(shared);
    await reader.client.command({ query: 'SELECT 1' });
    await reader.close();
    server.close();
    // No CREATE DATABASE (a SELECT-only user may not), and every request is readonly=2 as that user.
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(new URL(request.url, server.url).searchParams.get('readonly')).toBe('2');
    expect(new URL(request.url, server.url).searchParams.get('database')).toBe('slipstream');
    const credentials = request.authorization
      ? Buffer.from(request.authorization.replace(/^Basic /, ''), 'base64').toString()
      : `${request.user}:`;
    expect(credentials.startsWith('slipstream_query:')).toBe(true);
  });

  it('shares the projection’s connection with embedded chDB (one session per process)', async () => {
    embedded = await createClickHouse({ database: 'query_store_spec', chdbPath: dir.path });
    const reader = await createQueryClickHouse(
      {
        CLICKHOUSE_URL: undefined,
        CLICKHOUSE_DATABASE: 'query_store_spec',
        CHDB_PATH: dir.path,
        CLICKHOUSE_QUERY_USER: 'slipstream_query',
        CLICKHOUSE_QUERY_PASSWORD: undefined,
      },
      embedded,
    );
    expect(reader.client).toBe(embedded.client);
    // Closing the reader must not close the shared client.
    await reader.close();
    const result = await embedded.client.query({ query: 'SELECT 41 + 1 AS answer', format: 'JSONEachRow' });
    expect(await result.json()).toEqual([{ answer: 42 }]);
  });
});
