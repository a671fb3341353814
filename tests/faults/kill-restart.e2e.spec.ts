import { jetstreamManager as jsm } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createClickHouse } from '@slipstream/clickhouse';
import { connectToNats } from '@slipstream/messaging';
import {
  ackedShare,
  createTempDir,
  eventually,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
} from '@slipstream/testing';

import { tableChecksums } from '../e2e/livetiming-pipeline';
import { type ErgastSubset, writeErgastSubset } from './ergast-subset';
import { historicalDrained, historicalTables, importCsvSet, ImportGate } from './historical-pipeline';
import { ServiceProcess } from './service-process';

/*
 * kill -9 of projection, then of normalization, midway through a CSV import (seasons 2019–2021 of
 * the bundled Ergast set), each restarted on the same NATS server and chDB directory: the read
 * models end identical, table by table, to a run nobody killed. The services run as their built
 * `dist/main.js` in child processes, so SIGKILL leaves batches neither acked nor nak'd; a short
 * ack wait lets the server redeliver them quickly to the restarted process.
 */
const FROM = 2019;
const TO = 2021;

describe('kill -9 of projection and normalization midway through a CSV import', () => {
  const csv: TempDir = createTempDir('slipstream-kill-csv-');
  const chdb: TempDir = createTempDir('slipstream-kill-chdb-');
  const servers: RunningNatsServer[] = [];
  const connections: NatsConnection[] = [];
  const processes: ServiceProcess[] = [];
  let subset: ErgastSubset;

  beforeAll(() => {
    subset = writeErgastSubset(csv.path, FROM, TO);
  });

  afterAll(async () => {
    for (const service of processes) await service.kill();
    for (const nc of connections) await nc.drain();
    for (const server of servers) await server.dispose();
    csv.remove();
    chdb.remove();
  });

  /** Per-table checksums of one run's database, read once its projection has released chDB. */
  async function checksumsOf(database: string): Promise<Record<string, string>> {
    const clickhouse = await createClickHouse({ database, chdbPath: chdb.path });
    try {
      const sums = await tableChecksums(clickhouse, await historicalTables(clickhouse, database));
      return Object.fromEntries(Object.entries(sums).map(([table, sum]) => [table.split('.')[1], sum]));
    } finally {
      await clickhouse.close();
    }
  }

  async function pipeline(database: string) {
    const nats = await startNatsServer();
    servers.push(nats);
    const nc = await connectToNats({ url: nats.url, name: `kill-spec-${database}` });
    connections.push(nc);
    const env = { NATS_URL: nats.url, CONSUMER_ACK_WAIT_MS: '4000' };
    const projection = new ServiceProcess('projection', {
      ...env,
      CHDB_PATH: chdb.path,
      CLICKHOUSE_DATABASE: database,
    });
    const normalization = new ServiceProcess('normalization', env);
    processes.push(projection, normalization);
    await projection.start();
    await normalization.start();
    return { nc, projection, normalization };
  }

  it('ends with the read models of a clean run, nothing lost and nothing doubled', async () => {
    // The clean run.
    const clean = await pipeline('clean_run');
    const cleanImport = await importCsvSet(clean.nc, csv.path);
    expect(cleanImport.published).toBe(subset.total);
    await historicalDrained(clean.nc);
    // chDB allows one process per directory: release it for the next projection.
    await clean.projection.stop();
    await clean.normalization.stop();
    const cleanSums = await checksumsOf('clean_run');
    // The clean run itself holds every row of the subset.
    expect(cleanSums.hist_race_results.split(':')[0]).toBe(String(subset.rows.results));
    expect(cleanSums.hist_pit_stops.split(':')[0]).toBe(String(subset.rows.pit_stops));
    expect(cleanSums.hist_driver_standings).not.toMatch(/^0:/);

    // The same files, with projection and then normalization killed midway. The import is held
    // at a third and at two thirds, so each kill lands while there is work left for that stage.
    const killed = await pipeline('killed_run');
    const gates = [
      new ImportGate(Math.floor(subset.total / 3)),
      new ImportGate(Math.floor((2 * subset.total) / 3)),
    ];
    const imported = importCsvSet(killed.nc, csv.path, undefined, gates);
    await gates[0].reached;
    await eventually(
      async () =>
        (await jsm(killed.nc)).consumers
          .info('EVENTS', 'projection-events')
          .then((info) => info.ack_floor.stream_seq > 0),
      60_000,
      'some events projected',
    );
    await killed.projection.kill();
    // Normalization goes on into the second third: events projection has not seen.
    gates[0].open();
    await gates[1].reached;
    await eventually(
      async () =>
        (await jsm(killed.nc)).consumers
          .info('RAW', 'normalization-ergast')
          .then((info) => info.ack_floor.stream_seq > gates[0].after),
      60_000,
      'rows of the second third normalized',
    );
    await killed.normalization.kill();
    // The last third arrives while both are down.
    gates[1].open();
    await eventually(
      async () =>
        (await jsm(killed.nc)).streams.info('RAW').then((info) => info.state.last_seq === subset.total),
      60_000,
      'the whole import in RAW',
    );
    expect(await ackedShare(killed.nc, 'RAW', 'normalization-ergast')).toBeLessThan(1);
    expect(await ackedShare(killed.nc, 'EVENTS', 'projection-events')).toBeLessThan(1);
    await killed.projection.start();
    await killed.normalization.start();

    expect((await imported).published).toBe(subset.total);
    await historicalDrained(killed.nc);
    await killed.projection.stop();
    await killed.normalization.stop();

    const killedSums = await checksumsOf('killed_run');
    expect(killedSums).toEqual(cleanSums);
  }, 180_000);
});
