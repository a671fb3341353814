import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createClickHouse } from '@slipstream/clickhouse';
import { createTempDir, eventually, type TempDir } from '@slipstream/testing';

import { writeCsvSubset2023 } from './historical-expectations';
import {
  createLocalJolpica,
  mostRequestsWithin,
  SERVED_2023,
  SERVED_2023_ROUNDS,
} from './historical-jolpica-server';
import {
  HISTORICAL_TABLES,
  historicalPipelineDrained,
  ingest,
  PROVENANCE_TIME_COLUMNS,
  runIngest,
  startHistoricalStack,
  tableChecksums,
  type TableDifferences,
  tableDifferences,
} from './historical-pipeline';

/*
 * The Jolpica backfill of 2023 as deployed: `npm run ingest -- backfill` as a child process against
 * a local Jolpica serving the recorded responses (see historical-jolpica-server.ts for what they
 * hold), then normalization and projection (historical-pipeline.ts). Three pipelines, one after
 * the other, each with its own nats-server and ClickHouse database in one chDB directory: one
 * uninterrupted backfill, one CSV import of the same rounds, and one backfill killed midway and
 * started again.
 */

/** The server's page cap (Jolpica's is 100): the small recorded lists then span several pages. */
const PAGE_SIZE = 20;
const HOUR = 3_600_000;

const DATABASES = { backfill: 'hist_jolpica', csv: 'hist_csv_2023', resumed: 'hist_jolpica_resumed' };

/** Fed by one source only: lap times (the CSV set has no lap_times.csv), constructors' race results (no Jolpica resource). */
const NOT_IN_BOTH_SOURCES = new Set(['hist_lap_times', 'hist_constructor_race_results']);
/** Dimensions: the CSV set holds every season, the backfill 2023's entries. */
const DIMENSIONS = new Set([
  'hist_seasons',
  'hist_circuits',
  'hist_races',
  'hist_race_sessions',
  'hist_drivers',
  'hist_constructors',
  'hist_finishing_statuses',
]);

describe('the 2023 Jolpica responses through backfill → normalization → projection', () => {
  let chdb: TempDir;
  let csvDir: TempDir;
  const jolpica = createLocalJolpica(PAGE_SIZE);
  let baseUrl: string;
  const backfillEnv = (burstPerSecond: number, perHour: number) => ({
    JOLPICA_BASE_URL: baseUrl,
    JOLPICA_BURST_PER_SECOND: String(burstPerSecond),
    JOLPICA_SUSTAINED_PER_HOUR: String(perHour),
  });
  const BACKFILL = ['backfill', '--from', '2023', '--to', '2023'];
  let uninterrupted: Record<string, string>;

  beforeAll(async () => {
    chdb = createTempDir('slipstream-hist-jolpica-');
    csvDir = createTempDir('slipstream-hist-csv-2023-');
    baseUrl = await jolpica.start();
  });

  afterAll(async () => {
    await jolpica.stop();
    chdb?.remove();
    csvDir?.remove();
  });

  it('backfills 2023 page by page through 429s and 500s, never above the burst and hourly limits', async () => {
    jolpica.failNextAt('/2023/results.json', PAGE_SIZE, { status: 429, retryAfter: '1' });
    jolpica.failNextAt('/2023/races.json', 0, { status: 500 }, { status: 502 });
    jolpica.failNextAt('/drivers.json', PAGE_SIZE, { status: 503 });
    const stack = await startHistoricalStack(chdb.path, DATABASES.backfill);
    try {
      const run = await ingest(stack.nats.url, BACKFILL, backfillEnv(4, 1_000));
      const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
        records: number;
        skipped: number;
      };
      await historicalPipelineDrained(stack.nc);
      uninterrupted = await tableChecksums(
        stack.clickhouse,
        stack.database,
        HISTORICAL_TABLES,
        PROVENANCE_TIME_COLUMNS,
      );

      const requests = jolpica.requests;
      expect(mostRequestsWithin(requests, 1_000)).toBeLessThanOrEqual(4);
      expect(mostRequestsWithin(requests, HOUR)).toBeLessThanOrEqual(1_000);
      // Every served list was read to its end, page by page (Jolpica counts `total` in results,
      // timings, stops…); the schedule twice, as a resource and for the rounds to walk.
      for (const path of Object.keys(SERVED_2023)) {
        const pages = Math.max(1, Math.ceil(jolpica.totalOf(path) / PAGE_SIZE));
        const offsets = requests.filter((r) => r.path === path && r.status === 200).map((r) => r.offset);
        const passes = path === '/2023/races.json' ? 2 : 1;
        expect(offsets, path).toEqual(
          Array.from({ length: passes * pages }, (_, index) => (index % pages) * PAGE_SIZE),
        );
      }
      // Each fault was answered by asking again for the same page; after the 429, not before Retry-After.
      const retryOf = (path: string, status: number) => {
        const failed = requests.findIndex((r) => r.path === path && r.status === status);
        return { failed: requests[failed], retry: requests.slice(failed + 1).find((r) => r.path === path) };
      };
      const tooMany = retryOf('/2023/results.json', 429);
      expect(tooMany.retry).toMatchObject({ offset: PAGE_SIZE });
      expect(tooMany.retry!.at - tooMany.failed.at).toBeGreaterThanOrEqual(1_000);
      expect(retryOf('/2023/races.json', 500).retry).toMatchObject({ offset: 0, status: 502 });
      expect(retryOf('/2023/races.json', 502).retry).toMatchObject({ offset: 0, status: 200 });
      expect(retryOf('/drivers.json', 503).retry).toMatchObject({ offset: PAGE_SIZE, status: 200 });
      expect(run.stderr).toMatch(/retrying .*\/2023\/results\.json.*HTTP 429/);
      expect(report.skipped).toBe(0);
      expect(report.records).toBeGreaterThan(0);
    } finally {
      await stack.close();
    }
  }, 300_000);

  it('holds the rows a CSV import of the same 2023 rounds gives, but where Jolpica has since revised them', async () => {
    writeCsvSubset2023(csvDir.path, SERVED_2023_ROUNDS);
    const stack = await startHistoricalStack(chdb.path, DATABASES.csv);
    try {
      await ingest(stack.nats.url, ['import-csv', csvDir.path]);
      await historicalPipelineDrained(stack.nc);
    } finally {
      await stack.close();
    }
    const clickhouse = await createClickHouse({ database: DATABASES.csv, chdbPath: chdb.path });
    const differences: Record<string, TableDifferences> = {};
    try {
      for (const table of HISTORICAL_TABLES.filter((name) => !NOT_IN_BOTH_SOURCES.has(name))) {
        differences[table] = await tableDifferences(clickhouse, table, DATABASES.backfill, DATABASES.csv, {
          exclude: ['source', ...PROVENANCE_TIME_COLUMNS],
          rightScope: DIMENSIONS.has(table) ? 'leftKeys' : 'all',
        });
      }
    } finally {
      await clickhouse.close();
    }
    const same: TableDifferences = { onlyLeft: [], onlyRight: [], differing: {} };
    expect(differences).toEqual({
      ...Object.fromEntries(Object.keys(differences).map((table) => [table, same])),
      // Jolpica lists two statuses the CSV's status table predates: Did not start (142), Lapped (143).
      hist_finishing_statuses: { ...same, onlyLeft: ['142', '143'] },
      // The CSV has since named the country of the Las Vegas Strip circuit in full.
      hist_circuits: { ...same, differing: { vegas: ['country'] } },
      // The permanent numbers Norris and Verstappen took after 2025.
      hist_drivers: {
        ...same,
        differing: { max_verstappen: ['permanent_number'], norris: ['permanent_number'] },
      },
      // Jolpica has since revised results: lapped cars now "Lapped" with their race time, some
      // retirements' statuses, and the grid slots of Canada's pit-lane starters (0 in the CSV).
      hist_race_results: {
        ...same,
        differing: {
          ...Object.fromEntries(
            ['sargeant/2', 'kevin_magnussen/20', 'de_vries/21', 'hulkenberg/27', 'zhou/24', 'norris/4'].map(
              (car) => [`2023/1/${car}`, ['time_ms', 'status']],
            ),
          ),
          ...Object.fromEntries(
            ['ocon/31', 'leclerc/16', 'piastri/81'].map((car) => [`2023/1/${car}`, ['status']]),
          ),
          ...Object.fromEntries(
            ['piastri/81', 'sargeant/2'].map((car) => [`2023/5/${car}`, ['time_ms', 'status']]),
          ),
          ...Object.fromEntries(
            ['bottas/77', 'ocon/31', 'piastri/81', 'sargeant/2', 'tsunoda/22', 'zhou/24'].map((car) => [
              `2023/9/${car}`,
              ['time_ms', 'status'],
            ]),
          ),
          '2023/9/de_vries/21': ['grid', 'time_ms', 'status'],
          '2023/9/kevin_magnussen/20': ['grid', 'time_ms', 'status'],
          '2023/9/hulkenberg/27': ['status'],
        },
      },
      // Sargeant's withdrawal from the Baku sprint, and a Q1 time of De Vries the CSV lacks.
      hist_sprint_results: { ...same, differing: { '2023/4/sargeant': ['position_text'] } },
      hist_qualifying_results: { ...same, differing: { '2023/4/de_vries': ['q1_ms'] } },
      // Only the first 30 of round 18's 36 stops were recorded; Ergast's response timed Ricciardo's
      // first stop a lap earlier than the CSV does.
      hist_pit_stops: {
        ...same,
        onlyRight: ['alonso/2', 'hamilton/2', 'ricciardo/2', 'russell/2', 'stroll/2', 'tsunoda/3'].map(
          (stop) => `2023/18/${stop}`,
        ),
        differing: { '2023/18/ricciardo/1': ['lap', 'local_time_of_day', 'duration_ms'] },
      },
    });
  }, 300_000);

  it('ends, killed midway and started again, with the read models of one uninterrupted run and the hourly budget kept', async () => {
    const stack = await startHistoricalStack(chdb.path, DATABASES.resumed);
    // Backfills told to wait an hour must not outlive a failed assertion.
    const started: Array<ReturnType<typeof runIngest>> = [];
    const startIngest = (env: Record<string, string>) => {
      const run = runIngest(stack.nats.url, BACKFILL, env);
      started.push(run);
      return run;
    };
    try {
      const servedBefore = jolpica.requests.length;
      const hourly = 40;
      const killed = startIngest(backfillEnv(10, hourly));
      await eventually(
        async () => {
          if (killed.child.exitCode !== null)
            throw new Error(`backfill ended early: ${killed.output().stderr}`);
          return jolpica.requests.length - servedBefore >= hourly;
        },
        120_000,
        `${hourly} requests`,
      );
      // The hourly budget is spent: the client waits for the hour to pass instead of asking again.
      await new Promise((done) => setTimeout(done, 2_500));
      expect(jolpica.requests.length - servedBefore).toBe(hourly);
      expect(killed.child.exitCode).toBeNull();
      killed.child.kill('SIGKILL');
      expect((await killed.exited).signal).toBe('SIGKILL');

      // Started again within the hour under the same limit, it finds the budget spent (the request
      // times are kept in NATS KV), so it asks nothing.
      const sameHour = startIngest(backfillEnv(10, hourly));
      await eventually(
        async () => /rate limit: waiting \d+ min/.test(sameHour.output().stderr) || undefined,
        60_000,
        'the restarted backfill to wait for the hour',
      );
      expect(sameHour.child.exitCode).toBeNull();
      expect(jolpica.requests.length - servedBefore).toBe(hourly);
      sameHour.child.kill('SIGKILL');
      await sameHour.exited;

      const servedBeforeRestart = jolpica.requests.length;
      const run = await ingest(stack.nats.url, BACKFILL, backfillEnv(10, 1_000));
      const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { skipped: number; units: number };
      expect(report.skipped).toBeGreaterThan(0);
      expect(report.skipped).toBeLessThan(report.units);
      expect(mostRequestsWithin(jolpica.requests.slice(servedBefore), 1_000)).toBeLessThanOrEqual(10);
      expect(jolpica.requests.length - servedBeforeRestart).toBeGreaterThan(0);

      await historicalPipelineDrained(stack.nc);
      const resumed = await tableChecksums(
        stack.clickhouse,
        stack.database,
        HISTORICAL_TABLES,
        PROVENANCE_TIME_COLUMNS,
      );
      expect(resumed).toEqual(uninterrupted);
    } finally {
      for (const run of started) if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await stack.close();
    }
  }, 300_000);
});
