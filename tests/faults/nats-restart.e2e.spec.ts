import { afterAll, describe, expect, it } from 'vitest';

import { queryRows } from '@slipstream/clickhouse';
import { eventSubjects, rawSubjects, subjectMatches } from '@slipstream/contracts';
import { createTempDir, type TempDir } from '@slipstream/testing';

import { writeErgastSubset } from './ergast-subset';
import { type FaultStack, startFaultStack } from './fault-stack';
import { historicalDrained, importCsvSet, subjectCounts } from './historical-pipeline';

/*
 * nats-server stopped (SIGTERM) and started again on the same port and store while a CSV import
 * is publishing and normalization and projection are consuming. Publishers retry with the same
 * `Nats-Msg-Id`, consumers fetch again after reconnecting: every row arrives in RAW exactly once,
 * every fact once in EVENTS, and each read model holds exactly one row per CSV row.
 */
describe('nats-server restarted during ingestion', () => {
  const csv: TempDir = createTempDir('slipstream-natsrestart-csv-');
  let stack: FaultStack | undefined;

  afterAll(async () => {
    await stack?.dispose();
    csv.remove();
  });

  it('loses nothing and doubles nothing', async () => {
    const subset = writeErgastSubset(csv.path, 2020, 2021);
    stack = await startFaultStack('nats_restart');
    const { nats, nc, clickhouse } = stack;

    // A third of the way into the import the server goes away for a while and comes back.
    let acked = 0;
    let ackedAfterRestart = 0;
    let restarted = false;
    let outage: Promise<void> | undefined;
    const server = nats;
    const report = await importCsvSet(nc, csv.path, () => {
      if (restarted) ackedAfterRestart++;
      if (++acked !== Math.floor(subset.total / 3)) return;
      outage = (async () => {
        await server.stop();
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await server.restart();
        restarted = true;
      })();
    });
    await outage;
    // The import went on through the outage: part of it was stored only after the restart.
    expect(ackedAfterRestart).toBeGreaterThan(0);

    // Every row once in RAW: retried publishes were deduplicated by the server, none lost.
    expect(report.published + report.duplicates).toBe(subset.total);
    const raw = await subjectCounts(nc, 'RAW', rawSubjects.ofSource('ergast'));
    expect(Object.fromEntries(Object.entries(raw).map(([subject, n]) => [subject.split('.')[2], n]))).toEqual(
      Object.fromEntries(Object.entries(subset.rows).filter(([, n]) => n > 0)),
    );

    await historicalDrained(nc);
    const events = await subjectCounts(nc, 'EVENTS', eventSubjects.ofAggregate('race'));
    const eventsOf = (kind: string) =>
      Object.entries(events)
        .filter(([subject]) => subjectMatches(eventSubjects.ofEvent('race', kind), subject))
        .reduce((sum, [, n]) => sum + n, 0);
    expect(eventsOf('race_result_recorded')).toBe(subset.rows.results);
    expect(eventsOf('qualifying_result_recorded')).toBe(subset.rows.qualifying);
    expect(eventsOf('pit_stop_recorded')).toBe(subset.rows.pit_stops);

    const count = async (table: string) =>
      Number((await queryRows<{ n: string }>(clickhouse, `SELECT count() AS n FROM ${table} FINAL`))[0].n);
    expect({
      races: await count('hist_races'),
      results: await count('hist_race_results'),
      qualifying: await count('hist_qualifying_results'),
      sprint: await count('hist_sprint_results'),
      pitStops: await count('hist_pit_stops'),
      constructorResults: await count('hist_constructor_race_results'),
    }).toEqual({
      races: subset.rows.races,
      results: subset.rows.results,
      qualifying: subset.rows.qualifying,
      sprint: subset.rows.sprint_results,
      pitStops: subset.rows.pit_stops,
      constructorResults: subset.rows.constructor_results,
    });
  }, 120_000);
});
