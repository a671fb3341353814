import { type Clock } from '@slipstream/contracts';

export interface RateLimit {
  requests: number;
  perMs: number;
}

/**
 * Jolpica's published limits for unauthenticated use: a burst of 4 requests per second and a
 * sustained 500 per hour (https://github.com/jolpica/jolpica-f1/blob/main/docs/rate_limits.md).
 */
export const JOLPICA_PUBLISHED_LIMITS: readonly RateLimit[] = [
  { requests: 4, perMs: 1_000 },
  { requests: 500, perMs: 60 * 60 * 1_000 },
];

/**
 * Sliding-window limiter over several limits at once: a request may start only when, for every
 * limit, fewer than `requests` requests started in the `perMs` before it. `paddingMs` widens each
 * window, because the server counts arrivals and the network does not keep our spacing exactly.
 * With a `history`, the windows outlive the process: a backfill restarted within the hour does
 * not get a fresh hourly budget.
 */
export interface RateLimiterHistory {
  /** Start times (epoch ms) of requests an earlier process made: they count against the windows. */
  recent?: readonly number[];
  /** Called with the start times still inside the longest window whenever they change, to keep them. */
  onChange?: (recent: number[]) => void;
  /** Called before a wait of at least `LONG_WAIT_MS`, so a person watching knows why nothing moves. */
  onLongWait?: (waitMs: number) => void;
}

export const LONG_WAIT_MS = 5_000;

export class RateLimiter {
  private readonly started: number[];
  private readonly longestWindowMs: number;

  constructor(
    private readonly limits: readonly RateLimit[],
    private readonly clock: Clock,
    private readonly paddingMs = 0,
    private readonly history: RateLimiterHistory = {},
  ) {
    if (limits.some((limit) => limit.requests < 1 || limit.perMs <= 0))
      throw new Error('Rate limits must allow at least one request per positive window');
    this.longestWindowMs = Math.max(0, ...limits.map((limit) => limit.perMs + paddingMs));
    const since = clock.now() - this.longestWindowMs;
    this.started = [...(history.recent ?? [])].filter((at) => at > since).sort((a, b) => a - b);
  }

  /**
   * Resolves when a request may start, and counts it as started. Call the returned function when
   * its response has arrived: the request is then counted from that moment, the latest the server
   * can have seen it, so a slow or delayed request cannot make the next ones arrive too close.
   */
  async acquire(): Promise<() => void> {
    for (;;) {
      const now = this.clock.now();
      while (this.started.length > 0 && this.started[0] <= now - this.longestWindowMs) this.started.shift();
      const waitMs = Math.max(0, ...this.limits.map((limit) => this.waitFor(limit, now)));
      if (waitMs === 0) {
        this.started.push(now);
        this.history.onChange?.([...this.started]);
        return () => this.restamp(now);
      }
      if (waitMs >= LONG_WAIT_MS) this.history.onLongWait?.(waitMs);
      await this.clock.sleep(waitMs);
    }
  }

  private restamp(startedAt: number): void {
    const index = this.started.lastIndexOf(startedAt);
    if (index >= 0) this.started.splice(index, 1);
    const at = this.clock.now();
    // Kept in time order: the window checks read the oldest entries first.
    let position = this.started.length;
    while (position > 0 && this.started[position - 1] > at) position--;
    this.started.splice(position, 0, at);
    this.history.onChange?.([...this.started]);
  }

  /** Until the oldest request inside this limit's window leaves it, if the window is full. */
  private waitFor(limit: RateLimit, now: number): number {
    const windowMs = limit.perMs + this.paddingMs;
    const inWindow = this.started.filter((startedAt) => startedAt > now - windowMs);
    if (inWindow.length < limit.requests) return 0;
    return inWindow[inWindow.length - limit.requests] + windowMs - now;
  }
}
