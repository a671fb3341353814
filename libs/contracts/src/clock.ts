import { performance } from 'node:perf_hooks';

/** Time as code that waits sees it, injected so tests drive it without waiting (`ManualClock`, `VirtualClock`). */
export interface Clock {
  /** Milliseconds; what they count from depends on the clock. */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts. Never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });
}

/** Epoch milliseconds, comparable with dates from outside (an HTTP `Retry-After` date). */
export const wallClock: Clock = { now: () => Date.now(), sleep };

/** Monotonic milliseconds: only differences mean anything, and they never go backwards. */
export const monotonicClock: Clock = { now: () => performance.now(), sleep };
