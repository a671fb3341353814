/**
 * The contract every benchmark module implements. The runner (bench/run.ts) imports each compiled
 * `bench/dist/<name>.bench.js`, calls its `run` with a context, and prints and stores the figures.
 *
 * A module file is `bench/<name>.bench.ts` and exports:
 *
 *   export const description = 'one line for --help';
 *   export async function run(ctx: BenchContext): Promise<BenchFigure[]>;
 *
 * Every figure that has a baseline carries it: the baseline is measured in the same run, by the same
 * module, on the same data, so the ratio compares like with like on whatever machine runs the suite.
 */

export interface BenchContext {
  /**
   * Size multiplier from `--scale` (default 1, sized so the whole suite fits in 10 minutes on 2
   * cores). Modules multiply their data sizes / client counts by it; 1 is the smallest meaningful
   * size, not a toy.
   */
  scale: number;
  /** Where a module may write extra artefacts (logs, raw samples); the runner writes the JSON. */
  resultsDir: string;
  /** A directory for process logs of this run (spawned services write here). */
  logDir: string;
  /** Progress lines, prefixed with the benchmark's name; goes to stderr so the table stays clean. */
  log(message: string): void;
  /**
   * Shared between modules in one run, e.g. `session-replay` leaves its loaded pipeline for
   * `query-api`. A module that finds nothing under a key does the work itself (`--only`).
   */
  shared: Map<string, unknown>;
  /** Registers a clean-up the runner calls after the last module (for resources left in `shared`). */
  defer(cleanup: () => Promise<unknown>): void;
}

export interface BenchFigure {
  /** The module's name, e.g. `csv-backfill`. */
  benchmark: string;
  /** What was measured, e.g. `wall time` or `p50 latency (100 clients, 10x)`. */
  name: string;
  value: number;
  /** `s`, `ms`, `MiB`, `rows/s`, `samples/s`, `%`, ... */
  unit: string;
  /** The same quantity measured on the baseline in the same run. */
  baseline?: { name: string; value: number };
  /**
   * value / baseline.value. Filled in by the runner when a baseline is present and this is absent;
   * a module sets it only to say something else explicitly (and explains it in `note`).
   */
  ratio?: number;
  /** Free-form note printed under the table (what was run, how). */
  note?: string;
}

export type BenchRun = (ctx: BenchContext) => Promise<BenchFigure[]>;

export interface BenchModule {
  description?: string;
  run: BenchRun;
}

/** value / baseline, rounded for display; undefined when there is no usable baseline. */
export function ratioOf(value: number, baseline: number | undefined): number | undefined {
  if (baseline === undefined || !Number.isFinite(baseline) || baseline === 0) return undefined;
  return value / baseline;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Milliseconds elapsed since `start` (a `process.hrtime.bigint()` reading). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` and returns its result with the wall time in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, ms: msSince(start) };
}
