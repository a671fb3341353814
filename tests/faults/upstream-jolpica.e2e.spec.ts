import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { rawSubjects } from '@slipstream/contracts';
import { type JolpicaResource } from '@slipstream/historical';
import {
  connectToNats,
  DEFAULT_PUBLISHER_OPTIONS,
  JetStreamPublisher,
  provisionStreams,
} from '@slipstream/messaging';
import { readStream, type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { runBackfill } from '../../services/ingestion/src/backfill/backfill-runner';
import { JolpicaClient } from '../../services/ingestion/src/jolpica/jolpica-client';
import { UnexpectedJolpicaResponseError } from '../../services/ingestion/src/jolpica/mr-data-page';
import { JolpicaFixtureServer } from '../../services/ingestion/src/jolpica/testing/jolpica-fixture-server';
import { VirtualClock } from '../../services/ingestion/src/jolpica/testing/virtual-clock';
import { CheckpointStore } from '../../services/ingestion/src/progress/checkpoint-store';

/*
 * `npm run ingest -- backfill` against a local Jolpica serving the recorded 2023 responses, with
 * the faults the real one shows: 429 with Retry-After, 5xx, a request that hangs past the timeout,
 * and a garbled body (an HTML error page with status 200). Retries wait (on a virtual clock, so
 * no real seconds pass) and carry on; the garbled page stops the run, which resumes at the first
 * unfinished unit when started again. RAW ends holding exactly the messages of a run without
 * faults: no gap, no duplicate. The client's own retry rules are unit-tested in jolpica-client.spec.ts.
 */
// The resources the recorded 2023 responses serve whole (per-round ones exist for a few rounds only).
const RESOURCES: JolpicaResource[] = ['races', 'results'];
const RECEIVED_AT = new Date('2025-11-01T10:00:00.000Z');

describe('a Jolpica backfill through upstream faults', () => {
  const servers: RunningNatsServer[] = [];
  const connections: NatsConnection[] = [];
  let jolpica: JolpicaFixtureServer | undefined;

  afterEach(() => jolpica?.stop());

  afterAll(async () => {
    for (const nc of connections) await nc.drain();
    for (const server of servers) await server.dispose();
  });

  async function freshTarget() {
    const nats = await startNatsServer();
    servers.push(nats);
    const nc = await connectToNats({ url: nats.url, name: 'upstream-spec' });
    connections.push(nc);
    await provisionStreams(await jetstreamManager(nc));
    return { nc, checkpoints: await CheckpointStore.open(nc) };
  }

  async function backfill(
    nc: NatsConnection,
    checkpoints: CheckpointStore,
    baseUrl: string,
    retries: string[],
  ) {
    const clock = new VirtualClock();
    const client = new JolpicaClient({
      baseUrl,
      clock,
      random: () => 0.5,
      pageSize: 25,
      requestTimeoutMs: 300,
      onRetry: (retry) =>
        retries.push(`${new URL(retry.url).pathname.replace(/^.*\/f1/, '')} ${retry.reason}`),
    });
    const publisher = new JetStreamPublisher(jetstream(nc), DEFAULT_PUBLISHER_OPTIONS);
    const run = runBackfill({
      from: 2023,
      to: 2023,
      resources: RESOURCES,
      client,
      publisher,
      checkpoints,
      now: () => RECEIVED_AT,
    });
    return { run, publisher };
  }

  async function rawMessageIds(nc: NatsConnection): Promise<string[]> {
    return (await readStream(nc, 'RAW', rawSubjects.ofSource('jolpica')))
      .map((message) => message.headers!.get('Nats-Msg-Id'))
      .sort();
  }

  it('backs off, resumes after an abort at the first unfinished unit, and stores what a clean run stores', async () => {
    // The reference: the same backfill with nothing going wrong.
    jolpica = new JolpicaFixtureServer();
    const reference = await freshTarget();
    const clean = await backfill(reference.nc, reference.checkpoints, await jolpica.start(), []);
    const cleanReport = await clean.run;
    const expectedIds = await rawMessageIds(reference.nc);
    expect(expectedIds.length).toBeGreaterThan(0);
    expect(clean.publisher.stats.published).toBe(expectedIds.length);
    await jolpica.stop();

    jolpica = new JolpicaFixtureServer();
    const baseUrl = await jolpica.start();
    const target = await freshTarget();
    jolpica.failNext(
      '/2023/races.json',
      { status: 429, retryAfter: '30' },
      { delayMs: 1_500 },
      { status: 502 },
    );
    // Results: a 503, then page 1 as served, then page 2 garbled (an HTML error page with status 200).
    jolpica.failNext(
      '/2023/results.json',
      { status: 503 },
      {},
      { status: 200, body: '<html><body>502 Bad Gateway</body></html>' },
    );
    const retries: string[] = [];

    const first = await backfill(target.nc, target.checkpoints, baseUrl, retries);
    await expect(first.run).rejects.toThrow(UnexpectedJolpicaResponseError);
    expect(retries).toEqual([
      '/2023/races.json HTTP 429 Too Many Requests',
      '/2023/races.json timed out',
      '/2023/races.json HTTP 502',
      '/2023/results.json HTTP 503',
    ]);
    // Page 1 of the results made it to RAW before the run stopped; its unit was not checkpointed.
    expect(first.publisher.stats.published).toBeGreaterThan(0);
    expect((await rawMessageIds(target.nc)).length).toBeLessThan(expectedIds.length);

    // Started again: the finished unit is skipped, the results are read again from their first page.
    jolpica.requests.length = 0;
    const second = await backfill(target.nc, target.checkpoints, baseUrl, retries);
    const resumed = await second.run;
    expect(resumed.skipped).toBe(1);
    expect(jolpica.requests[0]).toMatchObject({ path: '/2023/results.json', offset: 0 });
    // What page 1 published the first time is dropped by the server as a duplicate.
    expect(second.publisher.stats.duplicates).toBeGreaterThan(0);
    expect(resumed.units).toBe(cleanReport.units);

    // No gap, no duplicate: exactly the messages of the clean run.
    expect(await rawMessageIds(target.nc)).toEqual(expectedIds);
  });
});
