import { type Clock } from '@slipstream/contracts';

interface PendingSleep {
  dueMs: number;
  wake: () => void;
}

/** Let every promise chain that is ready run to its next real wait. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock that only moves when told to, for deterministic replay tests: `advance(ms)` fires due
 * sleeps in time order and lets the woken code run before looking for the next one.
 */
export class ManualClock implements Clock {
  /** Every duration passed to `sleep`, in call order. */
  readonly sleeps: number[] = [];
  private pending: PendingSleep[] = [];

  constructor(private nowMs = 0) {}

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const entry: PendingSleep = {
        dueMs: this.nowMs + ms,
        wake: () => {
          this.pending = this.pending.filter((other) => other !== entry);
          resolve();
        },
      };
      this.pending.push(entry);
      signal?.addEventListener('abort', entry.wake, { once: true });
    });
  }

  async advance(ms: number): Promise<void> {
    const targetMs = this.nowMs + ms;
    for (;;) {
      await settle();
      const due = this.pending
        .filter((entry) => entry.dueMs <= targetMs)
        .sort((a, b) => a.dueMs - b.dueMs)[0];
      if (!due) break;
      this.nowMs = Math.max(this.nowMs, due.dueMs);
      due.wake();
    }
    this.nowMs = targetMs;
    await settle();
  }

  /** Lets pending promise chains run without moving time. */
  flush(): Promise<void> {
    return settle();
  }
}
