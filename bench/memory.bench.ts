import { backfillThrough, directCsvLoad } from './csv-backfill.bench';
import { type BenchContext, type BenchFigure } from './infra/bench';
import { type PipelineMode, startPipeline } from './infra/pipeline';
import { sharedAllInOneMemory, type Workload, type WorkloadMemory, WORKLOADS } from './infra/workload-memory';
import { directTelemetryInsert, replayThrough } from './session-replay.bench';

export const description =
  'Peak RSS of each service process and of the all-in-one during csv-backfill and session-replay, vs the chDB baseline process';

const BENCHMARK = 'memory';

type Baselines = Record<Workload, { baselinePeakMiB: number; baselineMs: number }>;

const BASELINE_NAMES: Record<Workload, { memory: string; time: string }> = {
  'csv-backfill': { memory: 'chDB file() load process', time: 'chDB INSERT…SELECT FROM file()' },
  'session-replay': { memory: 'chDB insert process', time: 'decoded rows → chDB insert' },
};

/** The chDB baselines: those csv-backfill and session-replay measured in this run, or new ones. */
async function baselines(ctx: BenchContext, fromRun: Partial<Record<Workload, WorkloadMemory>>) {
  const csv = fromRun['csv-backfill'];
  const telemetry = fromRun['session-replay'];
  if (csv && telemetry) return { 'csv-backfill': csv, 'session-replay': telemetry } satisfies Baselines;
  ctx.log('baselines: chDB loading the CSV files, inserting the decoded telemetry');
  const csvDirect = await directCsvLoad(ctx);
  const telemetryDirect = await directTelemetryInsert(ctx);
  return {
    'csv-backfill': { baselinePeakMiB: csvDirect.peakMiB, baselineMs: csvDirect.ms },
    'session-replay': { baselinePeakMiB: telemetryDirect.peakMiB, baselineMs: telemetryDirect.ms },
  } satisfies Baselines;
}

/** Both workloads, the CSV set first, through one fresh pipeline of the given shape. */
async function measure(
  ctx: BenchContext,
  mode: PipelineMode,
  direct: Baselines,
): Promise<Record<Workload, WorkloadMemory>> {
  ctx.log(
    `starting nats-server and the pipeline as ${mode === 'services' ? 'separate services' : 'all-in-one'}`,
  );
  const pipeline = await startPipeline(mode, ctx.logDir);
  try {
    ctx.log(`csv-backfill through ${mode}`);
    const backfill = await backfillThrough(pipeline);
    ctx.log(`csv-backfill: ${(backfill.ms / 1000).toFixed(1)} s`);
    ctx.log(`session-replay through ${mode}`);
    const replay = await replayThrough(pipeline);
    ctx.log(`session-replay: ${(replay.ms / 1000).toFixed(1)} s`);
    return {
      'csv-backfill': { ...direct['csv-backfill'], peaks: backfill.peaks, ms: backfill.ms },
      'session-replay': { ...direct['session-replay'], peaks: replay.peaks, ms: replay.ms },
    };
  } finally {
    await pipeline.stop();
    pipeline.dispose();
  }
}

function figuresOf(mode: PipelineMode, measured: Record<Workload, WorkloadMemory>): BenchFigure[] {
  const figures: BenchFigure[] = [];
  const suffix = mode === 'services' ? ', services' : '';
  for (const workload of WORKLOADS) {
    const { peaks, baselinePeakMiB, baselineMs, ms } = measured[workload];
    const baseline = { name: BASELINE_NAMES[workload].memory, value: baselinePeakMiB };
    for (const [process, peak] of Object.entries(peaks).sort(([a], [b]) => a.localeCompare(b)))
      figures.push({
        benchmark: BENCHMARK,
        name: `peak RSS ${process} (${workload}${suffix})`,
        value: peak,
        unit: 'MiB',
        baseline,
      });
    if (mode !== 'services') continue;
    const services = Object.entries(peaks).filter(([process]) => process !== 'nats-server');
    figures.push({
      benchmark: BENCHMARK,
      name: `sum of service peaks (${workload}${suffix})`,
      value: services.reduce((sum, [, peak]) => sum + peak, 0),
      unit: 'MiB',
      baseline,
      note: `${services.map(([process]) => process).join(' + ')}; nats-server not included`,
    });
    if (ms !== undefined)
      figures.push({
        benchmark: BENCHMARK,
        name: `${workload} wall time as separate services`,
        value: ms / 1000,
        unit: 's',
        baseline: { name: BASELINE_NAMES[workload].time, value: baselineMs / 1000 },
      });
  }
  return figures;
}

export async function run(ctx: BenchContext): Promise<BenchFigure[]> {
  // The all-in-one's peaks come from csv-backfill and session-replay when they ran before.
  const fromRun: Partial<Record<Workload, WorkloadMemory>> = {};
  for (const workload of WORKLOADS) {
    const measured = sharedAllInOneMemory(ctx, workload);
    if (measured) fromRun[workload] = measured;
  }
  const direct = await baselines(ctx, fromRun);
  const allInOne =
    fromRun['csv-backfill'] && fromRun['session-replay']
      ? { 'csv-backfill': fromRun['csv-backfill'], 'session-replay': fromRun['session-replay'] }
      : await measure(ctx, 'all-in-one', direct);
  const services = await measure(ctx, 'services', direct);
  const figures = [...figuresOf('all-in-one', allInOne), ...figuresOf('services', services)];
  figures[0].note =
    'VmHWM of /proc/<pid>/status, reset (clear_refs 5) when each workload starts, so a figure is the peak of ' +
    "that workload alone; all-in-one = npm start's single process (the figures of csv-backfill and " +
    'session-replay when they ran before in the run); services = projection, normalization and telemetry-replay ' +
    'as separate processes, both workloads through one pipeline, the CSV set first; ingestion is the one-shot ' +
    '`ingest import-csv` process in both shapes';
  return figures;
}
