/**
 * Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one
 * machine (each process's time origin is itself a wall-clock reading).
 */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
