/** A token bucket: `perSecond` requests a second on average, bursts of up to `burst`. */
export interface RateLimitPolicy {
  perSecond: number;
  burst: number;
}

/** What one request was told: the figures the `RateLimit-*` headers carry. */
export interface RateLimitDecision {
  allowed: boolean;
  /** The bucket's size: the most requests a client may make at once. */
  limit: number;
  /** Whole requests left right now. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until the next request will be allowed; 0 when this one was. */
  retryAfterSeconds: number;
}

/** Clients remembered at most; beyond it full (idle) buckets go first, then the least recently seen. */
const DEFAULT_MAX_CLIENTS = 100_000;

/**
 * One token bucket per client key (an IP address). Time is passed in, so the rule is tested
 * without clocks. Memory is bounded: a flood from many addresses cannot grow the table for ever,
 * and forgetting a client only ever gives it a full bucket, which is what an idle one has anyway.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    readonly policy: RateLimitPolicy,
    private readonly maxClients = DEFAULT_MAX_CLIENTS,
  ) {
    if (!(policy.perSecond > 0) || !(policy.burst >= 1)) {
      throw new Error(`a rate limit needs perSecond > 0 and burst >= 1, got ${JSON.stringify(policy)}`);
    }
  }

  take(key: string, nowMs: number): RateLimitDecision {
    const { perSecond, burst } = this.policy;
    const known = this.buckets.get(key);
    const tokens = known ? this.refilled(known, nowMs) : burst;
    const allowed = tokens >= 1;
    const left = allowed ? tokens - 1 : tokens;
    // Re-inserted so the map's order is least recently seen first.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: left, atMs: nowMs });
    if (this.buckets.size > this.maxClients) this.evict(nowMs);
    return {
      allowed,
      limit: burst,
      remaining: Math.floor(left),
      resetSeconds: Math.ceil((burst - left) / perSecond),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - left) / perSecond)),
    };
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: { tokens: number; atMs: number }, nowMs: number): number {
    const elapsedMs = Math.max(0, nowMs - bucket.atMs);
    return Math.min(this.policy.burst, bucket.tokens + (elapsedMs * this.policy.perSecond) / 1000);
  }

  private evict(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, nowMs) >= this.policy.burst) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) break;
      this.buckets.delete(key);
    }
  }
}
