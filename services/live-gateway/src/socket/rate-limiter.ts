/**
 * A token bucket per connection: `perSecond` messages a second on average, bursts of `burst`.
 * Time is passed in, so the rule is tested without clocks.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAtMs: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.updatedAtMs = nowMs;
  }

  tryTake(nowMs: number): boolean {
    const elapsedMs = Math.max(0, nowMs - this.updatedAtMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.perSecond) / 1000);
    this.updatedAtMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
