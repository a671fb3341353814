import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, describe, expect, it } from 'vitest';

import { queryRows } from '@slipstream/clickhouse';
import { createTempDir, eventually, type TempDir, waitForConsumerDrained } from '@slipstream/testing';

import { writeErgastSubset } from './ergast-subset';
import { type FaultStack, startFaultStack } from './fault-stack';
import { historicalDrained, importCsvSet } from './historical-pipeline';

/*
 * A read model's table disappears from the embedded ClickHouse (renamed away, as a botched
 * migration or an operator would) while a season is imported: every insert into it fails. The
 * projection keeps the batch in hand and retries it, acking nothing; once the table is back the
 * batch is stored once (same deduplication tokens) and the rest follows, with exact counts.
 */
describe('ClickHouse refusing inserts for a while', () => {
  const csv: TempDir = createTempDir('slipstream-chfail-csv-');
  let stack: FaultStack | undefined;

  afterAll(async () => {
    await stack?.dispose();
    csv.remove();
  });

  it('acks nothing until the rows are stored, then catches up with exact counts', async () => {
    const subset = writeErgastSubset(csv.path, 2021, 2021);
    stack = await startFaultStack('ch_failure');
    const { nc, clickhouse: client } = stack;
    const count = async (table: string, final = 'FINAL') =>
      Number((await queryRows<{ n: string }>(client, `SELECT count() AS n FROM ${table} ${final}`))[0].n);

    await client.command({ query: 'RENAME TABLE hist_race_results TO hist_race_results_away' });
    await importCsvSet(nc, csv.path);
    await waitForConsumerDrained(nc, 'RAW', 'normalization-ergast', 60_000);

    // Stuck on the batch holding the results: it stays un-acked (in progress), nothing after it is
    // acked. Acks of earlier batches reach the server asynchronously, so wait for the floor to settle.
    const jsm = await jetstreamManager(nc);
    const info = () => jsm.consumers.info('EVENTS', 'projection-events');
    const stuck = await eventually(
      async () => {
        const before = await info();
        await new Promise((resolve) => setTimeout(resolve, 500));
        const after = await info();
        const settled =
          after.num_ack_pending > 0 && after.ack_floor.stream_seq === before.ack_floor.stream_seq;
        return settled ? after : undefined;
      },
      30_000,
      'a batch in progress',
    );
    const lastEvent = (await jsm.streams.info('EVENTS')).state.last_seq;
    // Several retries later it is still in progress: not acked, not redelivered, nothing stored.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const later = await info();
    expect(later.ack_floor.stream_seq).toBe(stuck.ack_floor.stream_seq);
    expect(later.ack_floor.stream_seq).toBeLessThan(lastEvent);
    expect(later.num_ack_pending).toBeGreaterThan(0);
    expect(later.num_redelivered).toBe(0);
    expect(await count('hist_race_results_away')).toBe(0);

    await client.command({ query: 'RENAME TABLE hist_race_results_away TO hist_race_results' });
    await historicalDrained(nc);

    const facts = {
      results: ['hist_race_results', subset.rows.results],
      qualifying: ['hist_qualifying_results', subset.rows.qualifying],
      sprint: ['hist_sprint_results', subset.rows.sprint_results],
      pitStops: ['hist_pit_stops', subset.rows.pit_stops],
      constructorResults: ['hist_constructor_race_results', subset.rows.constructor_results],
    } as const;
    const expected = Object.fromEntries(Object.entries(facts).map(([name, [, rows]]) => [name, rows]));
    const merged: Record<string, number> = {};
    const stored: Record<string, number> = {};
    for (const [name, [table]] of Object.entries(facts)) {
      merged[name] = await count(table);
      // Without FINAL: the retried inserts were deduplicated by their tokens, not merged away later.
      stored[name] = await count(table, '');
    }
    expect(merged).toEqual(expected);
    expect(stored).toEqual(expected);
    expect(await count('hist_races')).toBe(subset.rows.races);
  }, 120_000);
});
