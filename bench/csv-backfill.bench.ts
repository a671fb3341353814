import { DURABLE_CONSUMERS, rawSubjects, STREAMS } from '@slipstream/contracts';
import { createTempDir } from '@slipstream/testing';

import { type BenchContext, type BenchFigure, msSince } from './infra/bench';
import { ClickHouseWorker } from './infra/clickhouse-worker';
import { CSV_FIXTURES_DIR } from './infra/paths';
import { HISTORICAL_CONSUMERS, type Pipeline, streamMessages } from './infra/pipeline';
import { measurePipelineVsDirect } from './infra/pipeline-vs-direct';
import { sharedPipeline } from './infra/shared-pipeline';
import { measureTransportFloor, transportFloorFigures } from './infra/transport-floor';

export const description =
  'Full Ergast CSV set through ingestion → RAW → normalization → EVENTS → projection, vs chDB INSERT … SELECT FROM file() and vs the JetStream floor of the same messages';

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
  const { direct, median, runCount } = await measurePipelineVsDirect(ctx, {
    name: BENCHMARK,
    dataset: 'ergast-csv',
    direct: {
      what: 'loading the CSV files straight into chDB',
      measure: directCsvLoad,
      summary: (load) => `${load.rows} rows from ${load.files} files in ${(load.ms / 1000).toFixed(2)} s`,
    },
    pipeline: {
      label: 'backfill',
      what: 'import-csv → read models',
      measure: backfillThrough,
      summary: (backfill) =>
        `${(backfill.ms / 1000).toFixed(1)} s (CLI published in ${(backfill.publishMs / 1000).toFixed(1)} s), ${backfill.events} events, ${backfill.deadLetters} dead letters`,
    },
  });

  // The shared pipeline holds what the first run stored: the set's RAW and EVENTS messages.
  const floor = await measureTransportFloor((await sharedPipeline(ctx)).nats.connection, ctx.logDir, {
    log: ctx.log,
    streams: [
      { stream: STREAMS.RAW.name, filter: rawSubjects.ofSource('ergast') },
      { stream: STREAMS.EVENTS.name },
    ],
    consumers: [
      DURABLE_CONSUMERS.normalizationErgast,
      DURABLE_CONSUMERS.normalizationStandings,
      DURABLE_CONSUMERS.projectionEvents,
    ],
  });

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
        (runCount > 1 ? `; median of ${runCount} runs` : ''),
    },
    {
      benchmark: BENCHMARK,
      name: 'CSV rows per second',
      value: direct.rows / seconds,
      unit: 'rows/s',
      baseline: { name: baselineName, value: direct.rows / directSeconds },
    },
    ...transportFloorFigures(BENCHMARK, floor, {
      pipeline: 'full CSV set → read models',
      pipelineSeconds: seconds,
      direct: baselineName,
      directSeconds,
      consumers: 'normalization-ergast, normalization-standings and projection-events',
    }),
  ];
}
