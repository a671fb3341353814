import { createTempDir } from '@slipstream/testing';

import { type BenchContext, type BenchFigure, msSince } from './infra/bench';
import { medianAndShareMemory } from './memory.bench';
import { ClickHouseWorker } from './infra/clickhouse-worker';
import { CSV_FIXTURES_DIR } from './infra/paths';
import { HISTORICAL_CONSUMERS, type Pipeline, startPipeline, streamMessages } from './infra/pipeline';
import { markLoaded, sharedPipeline } from './infra/shared-pipeline';

export const description =
  'Full Ergast CSV set through ingestion → RAW → normalization → EVENTS → projection, vs chDB INSERT … SELECT FROM file()';

const BENCHMARK = 'csv-backfill';

/** What one backfill through the pipeline measured. */
export interface BackfillRun {
  ms: number;
  publishMs: number;
  peaks: Record<string, number>;
  events: number;
  deadLetters: number;
}

/**
 * Imports the set with `ingest import-csv` and waits until every consumer between RAW and the
 * read models is idle: the standings reactor's calculated tables included. The clock starts when
 * the CLI is spawned (services already up, as in production) and stops when the last read model
 * row is stored (projection acks only after its insert).
 */
export async function backfillThrough(pipeline: Pipeline): Promise<BackfillRun> {
  pipeline.resetPeaks();
  const started = process.hrtime.bigint();
  await pipeline.importCsv(CSV_FIXTURES_DIR);
  const publishMs = msSince(started);
  await pipeline.drained(HISTORICAL_CONSUMERS);
  const ms = msSince(started);
  return {
    ms,
    publishMs,
    peaks: pipeline.peaks(),
    events: await streamMessages(pipeline, 'EVENTS'),
    deadLetters: await streamMessages(pipeline, 'DLQ'),
  };
}

/** The baseline: each CSV file straight into a MergeTree table of its own, in a fresh chDB. */
export async function directCsvLoad(ctx: BenchContext) {
  const dir = createTempDir('slipstream-bench-direct-csv-');
  const worker = await ClickHouseWorker.open('chdb-direct-csv', ctx.logDir, dir.path, 'direct');
  try {
    worker.memory.reset();
    const load = await worker.call('loadCsv', { directory: CSV_FIXTURES_DIR });
    const rows = Object.values(load.tables).reduce((sum, table) => sum + table.rows, 0);
    return { ms: load.ms, rows, files: Object.keys(load.tables).length, peakMiB: worker.peakMiB() };
  } finally {
    await worker.stop();
    dir.remove();
  }
}

export async function run(ctx: BenchContext): Promise<BenchFigure[]> {
  ctx.log('baseline: loading the CSV files straight into chDB');
  const direct = await directCsvLoad(ctx);
  ctx.log(`baseline: ${direct.rows} rows from ${direct.files} files in ${(direct.ms / 1000).toFixed(2)} s`);

  // Scale > 1 repeats the whole backfill in fresh pipelines (the set is the real one, whole, at
  // every scale) and reports the median; the first run's pipeline stays for query-api.
  const repeats = Math.max(1, Math.floor(ctx.scale));
  const runs: BackfillRun[] = [];
  for (let i = 0; i < repeats; i++) {
    const fresh = i > 0;
    const pipeline = fresh ? await startPipeline('all-in-one', ctx.logDir) : await sharedPipeline(ctx);
    ctx.log(`backfill ${i + 1}/${repeats}: import-csv → read models (all-in-one)`);
    try {
      const result = await backfillThrough(pipeline);
      ctx.log(
        `backfill ${i + 1}: ${(result.ms / 1000).toFixed(1)} s (CLI published in ${(result.publishMs / 1000).toFixed(1)} s), ${result.events} events, ${result.deadLetters} dead letters`,
      );
      runs.push(result);
      if (!fresh) markLoaded(ctx, 'ergast-csv');
    } finally {
      if (fresh) {
        await pipeline.stop();
        pipeline.dispose();
      }
    }
  }
  const median = medianAndShareMemory(ctx, 'csv-backfill', runs, direct);

  const seconds = median.ms / 1000;
  const directSeconds = direct.ms / 1000;
  const baselineName = 'chDB INSERT…SELECT FROM file()';
  return [
    {
      benchmark: BENCHMARK,
      name: 'full CSV set → complete read models',
      value: seconds,
      unit: 's',
      baseline: { name: baselineName, value: directSeconds },
      note:
        `${direct.rows.toLocaleString('en-US')} CSV rows in ${direct.files} files; pipeline = all-in-one process, ` +
        `timed from spawning \`ingest import-csv\` until normalization-ergast, normalization-standings and ` +
        `projection-events are idle; the CLI itself finished publishing after ${(median.publishMs / 1000).toFixed(1)} s; ` +
        `${median.events.toLocaleString('en-US')} events on EVENTS (standings calculated by slipstream included), ` +
        `${median.deadLetters} dead letters` +
        (runs.length > 1 ? `; median of ${runs.length} runs` : ''),
    },
    {
      benchmark: BENCHMARK,
      name: 'CSV rows per second',
      value: direct.rows / seconds,
      unit: 'rows/s',
      baseline: { name: baselineName, value: direct.rows / directSeconds },
    },
  ];
}
