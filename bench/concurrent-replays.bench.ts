import { type BenchContext, type BenchFigure, msSince } from './infra/bench';
import { LIVETIMING_CONSUMERS, type Pipeline, startPipeline } from './infra/pipeline';

export const description =
  'the three bundled sessions replayed at once vs one after the other (contention), with peak memory';

const BENCHMARK = 'concurrent-replays';
/** Every recording under data/sessions: a whole qualifying, a partial race and a sprint. */
export const SESSIONS = [
  '2025-mexico-city-gp-qualifying',
  '2025-mexico-city-gp-race-partial',
  '2025-miami-gp-sprint',
];

/** Runs the replays (all at once or one after the other) and waits until every stage is idle. */
async function replayAll(pipeline: Pipeline, together: boolean): Promise<{ ms: number; each: number[] }> {
  pipeline.resetPeaks();
  const started = process.hrtime.bigint();
  const each: number[] = [];
  const one = async (session: string) => {
    const own = process.hrtime.bigint();
    await pipeline.replay(session);
    await pipeline.drained(LIVETIMING_CONSUMERS);
    each.push(msSince(own));
  };
  if (together) await Promise.all(SESSIONS.map(one));
  else for (const session of SESSIONS) await one(session);
  await pipeline.drained(LIVETIMING_CONSUMERS);
  return { ms: msSince(started), each };
}

/** A fresh pipeline per shape: replaying into a store that already holds a session only deduplicates. */
async function measure(ctx: BenchContext, together: boolean) {
  const pipeline = await startPipeline('all-in-one', ctx.logDir);
  try {
    const run = await replayAll(pipeline, together);
    return { ...run, peaks: pipeline.peaks() };
  } finally {
    await pipeline.stop();
    pipeline.dispose();
  }
}

export async function run(ctx: BenchContext): Promise<BenchFigure[]> {
  ctx.log(`one after the other: ${SESSIONS.join(', ')}`);
  const alone = await measure(ctx, false);
  ctx.log(`alone: ${alone.each.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(' + ')}`);
  ctx.log('all three at once');
  const together = await measure(ctx, true);
  ctx.log(`together: ${(together.ms / 1000).toFixed(1)} s`);
  const sumSeconds = alone.each.reduce((sum, ms) => sum + ms, 0) / 1000;
  return [
    {
      benchmark: BENCHMARK,
      name: 'three sessions at once → read models',
      value: together.ms / 1000,
      unit: 's',
      baseline: { name: 'sum of the three alone', value: sumSeconds },
      note:
        `${SESSIONS.join(', ')} at full speed into a fresh all-in-one each time; alone: ` +
        `${alone.each.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}; timed until normalization and both projections are idle`,
    },
    {
      benchmark: BENCHMARK,
      name: 'peak RSS, all-in-one, three at once',
      value: together.peaks['all-in-one'] ?? Number.NaN,
      unit: 'MiB',
      baseline: { name: 'one after the other', value: alone.peaks['all-in-one'] ?? Number.NaN },
      note: `nats-server peaked at ${Math.round(together.peaks['nats-server'] ?? 0)} MiB with the three at once`,
    },
  ];
}
