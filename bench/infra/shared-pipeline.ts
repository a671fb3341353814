import { type BenchContext } from './bench';
import { type Pipeline, startPipeline } from './pipeline';

const KEY = 'pipeline:all-in-one';

/** What has been loaded into the shared pipeline so far, so a later module does not load it twice. */
export type Dataset = 'ergast-csv' | 'mexico-qualifying';

/**
 * The all-in-one pipeline the benchmarks share in one run: csv-backfill loads history into it,
 * session-replay a session, query-api asks questions of both. The first module that needs it
 * starts it; the runner stops it at the end unless a module took it over (`takeSharedPipeline`).
 */
export async function sharedPipeline(ctx: BenchContext): Promise<Pipeline> {
  const existing = ctx.shared.get(KEY) as Pipeline | undefined;
  if (existing) return existing;
  ctx.log('starting nats-server and the all-in-one process');
  const pipeline = await startPipeline('all-in-one', ctx.logDir);
  ctx.shared.set(KEY, pipeline);
  ctx.defer(async () => {
    if (ctx.shared.get(KEY) === pipeline) await pipeline.stop();
    pipeline.dispose();
  });
  return pipeline;
}

/** Removes the shared pipeline from the run (the caller stops it, e.g. to open its chDB itself). */
export function takeSharedPipeline(ctx: BenchContext): void {
  ctx.shared.delete(KEY);
}

export function markLoaded(ctx: BenchContext, dataset: Dataset): void {
  ctx.shared.set(`loaded:${dataset}`, true);
}

export function isLoaded(ctx: BenchContext, dataset: Dataset): boolean {
  return ctx.shared.get(`loaded:${dataset}`) === true;
}
