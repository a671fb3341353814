import { type BenchContext } from './bench';
import { type Pipeline, startPipeline } from './pipeline';
import { type Dataset, markLoaded, sharedPipeline } from './shared-pipeline';
import { shareAllInOneMemory, type Workload } from './workload-memory';

/** One run of a workload through the pipeline: wall time and each process's peak RSS (MiB). */
export interface PipelineRun {
  ms: number;
  peaks: Record<string, number>;
}

/** The baseline: the same data straight into chDB, its wall time and its process's peak RSS (MiB). */
export interface DirectRun {
  ms: number;
  peakMiB: number;
}

/** A workload as csv-backfill and session-replay measure it; `what` and `summary` are progress lines. */
export interface PipelineWorkload<Run extends PipelineRun, Direct extends DirectRun> {
  name: Workload;
  /** What the first run leaves loaded in the shared pipeline, so query-api does not load it again. */
  dataset: Dataset;
  direct: {
    what: string;
    measure(ctx: BenchContext): Promise<Direct>;
    summary(direct: Direct): string;
  };
  pipeline: {
    /** Names the runs in the log: `<label> 2/3: <what> (all-in-one)`. */
    label: string;
    what: string;
    measure(pipeline: Pipeline): Promise<Run>;
    summary(run: Run): string;
  };
}

export interface PipelineVsDirect<Run extends PipelineRun, Direct extends DirectRun> {
  direct: Direct;
  /** The run of median wall time, the one the figures report. */
  median: Run;
  /** How many runs through the pipeline the median is of. */
  runCount: number;
}

/**
 * The baseline once, then the workload through the all-in-one pipeline `floor(scale)` times (at
 * least once): the data sets are the whole real ones at every scale, so a larger scale can only
 * repeat them, and the median evens out a slow run. The first run goes through the shared pipeline
 * and leaves its data there for query-api; every later one through a fresh pipeline, stopped right
 * after, so that no run starts with the data already stored. The first run's peaks and the
 * baseline's are left for the memory module.
 */
export async function measurePipelineVsDirect<Run extends PipelineRun, Direct extends DirectRun>(
  ctx: BenchContext,
  workload: PipelineWorkload<Run, Direct>,
): Promise<PipelineVsDirect<Run, Direct>> {
  ctx.log(`baseline: ${workload.direct.what}`);
  const direct = await workload.direct.measure(ctx);
  ctx.log(`baseline: ${workload.direct.summary(direct)}`);

  const { label, what, measure, summary } = workload.pipeline;
  const repeats = Math.max(1, Math.floor(ctx.scale));
  const runs: Run[] = [];
  for (let i = 0; i < repeats; i++) {
    const fresh = i > 0;
    const pipeline = fresh ? await startPipeline('all-in-one', ctx.logDir) : await sharedPipeline(ctx);
    ctx.log(`${label} ${i + 1}/${repeats}: ${what} (all-in-one)`);
    try {
      const run = await measure(pipeline);
      ctx.log(`${label} ${i + 1}: ${summary(run)}`);
      runs.push(run);
      if (!fresh) markLoaded(ctx, workload.dataset);
    } finally {
      if (fresh) {
        await pipeline.stop();
        pipeline.dispose();
      }
    }
  }

  shareAllInOneMemory(ctx, workload.name, {
    peaks: runs[0].peaks,
    baselinePeakMiB: direct.peakMiB,
    baselineMs: direct.ms,
    ms: runs[0].ms,
  });
  const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  return { direct, median, runCount: runs.length };
}
