import { readFileSync, writeFileSync } from 'node:fs';

/** Kernel figures for one process, in MiB; `null` once the process is gone. */
export function readMemory(pid: number): { peakMiB: number; rssMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { peakMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/**
 * Sets the kernel's high-water mark back to the current RSS (`clear_refs` 5), so the next peak
 * belongs to the next phase of work only. Returns false where the kernel does not allow it.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Peak RSS of a process over its life. VmHWM is the kernel's own high-water mark, so sampling only
 * has to catch the process before it exits; short-lived ones (the import CLI) are polled often so
 * at most the last interval is missed.
 */
export class MemoryWatch {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): number {
    const memory = readMemory(this.pid);
    if (memory) this.peak = Math.max(this.peak, memory.peakMiB);
    return this.peak;
  }

  /** Starts a new phase: the peak from now on (see `resetPeak`). */
  reset(): void {
    resetPeak(this.pid);
    this.peak = 0;
    this.sample();
  }

  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peak;
  }
}
