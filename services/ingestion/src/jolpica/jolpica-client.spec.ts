import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { jolpicaItemToEvents } from '@slipstream/historical';

import { JolpicaClient, type JolpicaClientOptions, JolpicaRequestError } from './jolpica-client';
import { UnexpectedJolpicaResponseError } from './mr-data-page';
import { readMrData } from './testing/jolpica-fixture-data';
import { JolpicaFixtureServer, type RecordedRequest } from './testing/jolpica-fixture-server';
import { VirtualClock } from './testing/virtual-clock';

let clock: VirtualClock;
let server: JolpicaFixtureServer;
let baseUrl: string;

beforeEach(async () => {
  clock = new VirtualClock();
  server = new JolpicaFixtureServer({ clock });
  baseUrl = await server.start();
});

afterEach(() => server.stop());

const client = (options: JolpicaClientOptions = {}) =>
  new JolpicaClient({ baseUrl, clock, random: () => 0.5, ...options });
const resultsOf = (items: unknown[], resource = 'results') =>
  items.flatMap((item) =>
    jolpicaItemToEvents(resource, item, { recordedAt: '2026-08-20T10:00:00.000Z' }).map(
      (event) => event.data,
    ),
  );
const recordedItems = (path: string) => {
  const mrData = readMrData(path);
  const table = Object.values(mrData).find((value) => value !== null && typeof value === 'object') as Record<
    string,
    unknown
  >;
  return Object.values(table).find(Array.isArray) as unknown[];
};

/** The most requests that started within any window of `windowMs`. */
function busiestWindow(requests: RecordedRequest[], windowMs: number): number {
  return Math.max(
    ...requests.map(
      (first) => requests.filter((other) => other.at >= first.at && other.at < first.at + windowMs).length,
    ),
  );
}

describe('the Jolpica client against a local Jolpica serving the 2023 responses', () => {
  it('pages through a resource with limit and offset until total, even where a page ends mid-race', async () => {
    const items = await client({ pageSize: 25 }).fetchAll('results', { season: 2023 });

    expect(
      server.requests.map(({ path, limit, offset }) => `${path}?limit=${limit}&offset=${offset}`),
    ).toEqual([
      '/2023/results.json?limit=25&offset=0',
      '/2023/results.json?limit=25&offset=25',
      '/2023/results.json?limit=25&offset=50',
    ]);
    const asRecorded = [
      'jolpica-api-json-2023-live/2023@1@results.json',
      'jolpica-api-json-2023-live/2023@5@results.json',
      'jolpica-ergast-json-2023/results/2023@9@results.json',
    ].flatMap(recordedItems);
    expect(resultsOf(items)).toEqual(resultsOf(asRecorded));
    expect(resultsOf(items)).toHaveLength(60);
  });

  it('never asks for more than 100 entries a page, as Jolpica caps limit at 100', async () => {
    const items = await client({ pageSize: 1_000 }).fetchAll('laps', { season: 2023, round: 1 });

    expect(server.requests.map((request) => request.limit)).toEqual([100]);
    expect(resultsOf(items, 'laps')).toHaveLength(100);
  });

  it.each([
    ['seasons', { season: 2023 }, 1],
    ['circuits', { season: 2023 }, 22],
    ['races', { season: 2023 }, 22],
    ['drivers', { season: 2023 }, 22],
    ['constructors', { season: 2023 }, 10],
    ['status', { season: 2023 }, 9],
    ['qualifying', { season: 2023, round: 4 }, 20],
    ['sprint', { season: 2023, round: 4 }, 20],
    ['pitstops', { season: 2023, round: 18 }, 30],
    ['driverstandings', { season: 2023, round: 22 }, 22],
    ['constructorstandings', { season: 2023, round: 22 }, 10],
  ] as const)('reads %s %o: %i facts', async (resource, query, facts) => {
    const items = await client().fetchAll(resource, query);

    expect(resultsOf(items, resource)).toHaveLength(facts);
  });

  it('waits as long as Retry-After says on a 429, then carries on', async () => {
    server.failNext('/2023/drivers.json', { status: 429, retryAfter: '7' });

    const items = await client().fetchAll('drivers', { season: 2023 });

    expect(items).toHaveLength(22);
    expect(clock.sleeps).toEqual([7_000]);
    expect(server.requests.map((request) => request.at)).toEqual([0, 7_000]);
  });

  it('backs off exponentially (with jitter) on 5xx, then carries on', async () => {
    server.failNext('/2023/drivers.json', { status: 500 }, { status: 502 }, { status: 503 });

    const items = await client({ backoffBaseMs: 1_000 }).fetchAll('drivers', { season: 2023 });

    expect(items).toHaveLength(22);
    // random() = 0.5 puts each delay at three quarters of its doubling ceiling.
    expect(clock.sleeps).toEqual([750, 1_500, 3_000]);
  });

  it('retries a request that timed out', async () => {
    server.failNext('/2023/constructors.json', { delayMs: 500 });
    const retries: string[] = [];

    const items = await client({
      requestTimeoutMs: 50,
      onRetry: (retry) => retries.push(retry.reason),
    }).fetchAll('constructors', { season: 2023 });

    expect(items).toHaveLength(10);
    expect(retries).toEqual(['timed out']);
  });

  it('gives up after the last attempt, naming the URL and the status', async () => {
    server.failNext('/2023/status.json', { status: 503 }, { status: 503 }, { status: 503 });

    const failure = client({ maxAttempts: 3 }).fetchAll('status', { season: 2023 });

    await expect(failure).rejects.toThrow(JolpicaRequestError);
    await expect(failure).rejects.toMatchObject({
      status: 503,
      attempts: 3,
      url: `${baseUrl}/2023/status.json?limit=100&offset=0`,
    });
  });

  it('does not retry a 4xx other than 429', async () => {
    await expect(client().fetchAll('results', { season: 1066 })).rejects.toMatchObject({
      status: 404,
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['not JSON', '<html>Bad gateway</html>', 'the body is not JSON'],
    ['not MRData', '{"error":"oops"}', 'MRData'],
    [
      'a total that is not a count',
      '{"MRData":{"limit":"30","offset":"0","total":"many","DriverTable":{"Drivers":[]}}}',
      'MRData.total must be a count as text',
    ],
    ['no table', '{"MRData":{"limit":"30","offset":"0","total":"0"}}', 'has no …Table with a list'],
  ])('says clearly when a body is %s', async (_, body, problem) => {
    server.failNext('/2023/drivers.json', { status: 200, body });

    const failure = client().fetchAll('drivers', { season: 2023 });

    await expect(failure).rejects.toThrow(UnexpectedJolpicaResponseError);
    await expect(failure).rejects.toThrow(problem);
  });

  it('never exceeds the burst or the hourly limit, whatever it is asked to read', async () => {
    const limited = client({
      pageSize: 10,
      limits: [
        { requests: 3, perMs: 1_000 },
        { requests: 12, perMs: 60_000 },
      ],
      limitPaddingMs: 0,
    });
    server.failNext('/2023/results.json', { status: 429, retryAfter: '0' }, { status: 500 });

    for (const [resource, query] of [
      ['results', { season: 2023 }],
      ['laps', { season: 2023, round: 1 }],
      ['drivers', { season: 2023 }],
      ['pitstops', { season: 2023, round: 18 }],
    ] as const) {
      await limited.fetchAll(resource, query);
    }

    expect(server.requests).toHaveLength(2 + 6 + 10 + 3 + 3);
    expect(busiestWindow(server.requests, 1_000)).toBe(3);
    expect(busiestWindow(server.requests, 60_000)).toBe(12);
  });
});
