import { type BenchContext } from './bench';

/** The workloads the memory module reports, each the benchmark of the same name. */
export const WORKLOADS = ['csv-backfill', 'session-replay'] as const;
export type Workload = (typeof WORKLOADS)[number];

/**
 * What csv-backfill and session-replay measured through the shared all-in-one pipeline, left for
 * the memory module so it does not run the same workload again for its all-in-one figures.
 */
export interface WorkloadMemory {
  peaks: Record<string, number>;
  baselinePeakMiB: number;
  baselineMs: number;
  /** Wall time through the pipeline, when measured here. */
  ms?: number;
}

const keyOf = (workload: Workload) => `memory:${workload}:all-in-one`;

export function shareAllInOneMemory(ctx: BenchContext, workload: Workload, memory: WorkloadMemory): void {
  ctx.shared.set(keyOf(workload), memory);
}

/** What the benchmark of that name left, if it ran earlier in this run (not with `--only memory`). */
export function sharedAllInOneMemory(ctx: BenchContext, workload: Workload): WorkloadMemory | undefined {
  return ctx.shared.get(keyOf(workload)) as WorkloadMemory | undefined;
}
