import { describe, expect, it } from 'vitest';

import { monotonicClock, wallClock } from './clock';

describe('clocks', () => {
  it('reads the wall clock in epoch milliseconds, comparable with a parsed date', () => {
    const before = Date.now();
    expect(wallClock.now()).toBeGreaterThanOrEqual(before);
  });

  it('wakes a sleep as soon as its signal aborts, and never sleeps on an aborted one', async () => {
    const controller = new AbortController();
    const startedMs = monotonicClock.now();
    const sleeping = monotonicClock.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    await wallClock.sleep(60_000, controller.signal);
    expect(monotonicClock.now() - startedMs).toBeLessThan(1_000);
  });
});
