import { describe, expect, it } from 'vitest';

import { JOLPICA_PUBLISHED_LIMITS, RateLimiter } from './rate-limiter';
import { VirtualClock } from './testing/virtual-clock';

async function startTimes(limiter: RateLimiter, clock: VirtualClock, requests: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < requests; index += 1) {
    await limiter.acquire();
    times.push(clock.now());
  }
  return times;
}

describe('the rate limiter', () => {
  it("defaults to Jolpica's published limits: 4 requests a second, 500 an hour", () => {
    expect(JOLPICA_PUBLISHED_LIMITS).toEqual([
      { requests: 4, perMs: 1_000 },
      { requests: 500, perMs: 3_600_000 },
    ]);
  });

  it('lets a burst through, then spaces requests so no second holds more than the burst', async () => {
    const clock = new VirtualClock();
    const times = await startTimes(new RateLimiter([{ requests: 4, perMs: 1_000 }], clock), clock, 10);

    expect(times).toEqual([0, 0, 0, 0, 1_000, 1_000, 1_000, 1_000, 2_000, 2_000]);
  });

  it('honours the burst and the hourly limit together', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(
      [
        { requests: 2, perMs: 1_000 },
        { requests: 5, perMs: 60_000 },
      ],
      clock,
    );

    expect(await startTimes(limiter, clock, 7)).toEqual([0, 0, 1_000, 1_000, 2_000, 60_000, 60_000]);
  });

  it('widens every window by the padding, for network jitter', async () => {
    const clock = new VirtualClock();
    const times = await startTimes(new RateLimiter([{ requests: 1, perMs: 1_000 }], clock, 100), clock, 3);

    expect(times).toEqual([0, 1_100, 2_200]);
  });

  it('counts a request from when its response arrived, the latest the server can have seen it', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter([{ requests: 2, perMs: 1_000 }], clock);
    const times: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      const answered = await limiter.acquire();
      times.push(clock.now());
      await clock.sleep(300); // the response takes 300 ms
      answered();
    }

    expect(times).toEqual([0, 300, 1_300, 1_600]);
  });

  it('counts the requests an earlier process made within the window, and reports its own', async () => {
    const clock = new VirtualClock();
    const kept: number[][] = [];
    const longWaits: number[] = [];
    const limiter = new RateLimiter([{ requests: 3, perMs: 60_000 }], clock, 0, {
      // One request older than the window, two inside it: one request is left until -50 s ages out.
      recent: [-40_000, -3_700_000, -50_000],
      onChange: (recent) => kept.push(recent),
      onLongWait: (waitMs) => longWaits.push(waitMs),
    });

    expect(await startTimes(limiter, clock, 3)).toEqual([0, 10_000, 20_000]);
    expect(clock.sleeps).toEqual([10_000, 10_000]);
    expect(kept.at(-1)).toEqual([0, 10_000, 20_000]);
    expect(kept[0]).toEqual([-50_000, -40_000, 0]);
    expect(longWaits).toEqual([10_000, 10_000]);
  });

  it('refuses a limit that allows nothing', () => {
    expect(() => new RateLimiter([{ requests: 0, perMs: 1_000 }], new VirtualClock())).toThrow(
      'at least one request',
    );
  });
});
