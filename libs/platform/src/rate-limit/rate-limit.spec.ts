import { describe, expect, it } from 'vitest';

import { clientIp } from './client-ip';
import { isExemptPath } from './http-rate-limit';
import { rateLimitHeaders } from './rate-limit-headers';
import { TokenBucketLimiter } from './token-bucket';

describe('TokenBucketLimiter', () => {
  it('allows a burst, refuses the next request, and allows again as tokens refill', () => {
    const limiter = new TokenBucketLimiter({ perSecond: 2, burst: 3 });
    const burst = [0, 0, 0].map(() => limiter.take('a', 1_000));
    expect(burst.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    const refused = limiter.take('a', 1_000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1, resetSeconds: 2 });
    // Half a second at 2/s is one token.
    expect(limiter.take('a', 1_500).allowed).toBe(true);
    expect(limiter.take('a', 1_500).allowed).toBe(false);
  });

  it('allows a burst, then the sustained rate (one bucket, as the live gateway keeps per connection)', () => {
    const limiter = new TokenBucketLimiter({ perSecond: 2, burst: 4 }, 1);
    const tryTake = (at: number) => limiter.take('connection', at).allowed;
    expect([0, 0, 0, 0, 0].map((at) => tryTake(at))).toEqual([true, true, true, true, false]);
    expect(tryTake(499)).toBe(false);
    expect(tryTake(500)).toBe(true);
    expect(tryTake(10_000)).toBe(true);
  });

  it('keeps one bucket per client', () => {
    const limiter = new TokenBucketLimiter({ perSecond: 1, burst: 1 });
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 0).allowed).toBe(false);
    expect(limiter.take('b', 0).allowed).toBe(true);
  });

  it('never holds more than a full bucket after a long idle time', () => {
    const limiter = new TokenBucketLimiter({ perSecond: 10, burst: 2 });
    limiter.take('a', 0);
    expect(limiter.take('a', 3_600_000).remaining).toBe(1);
  });

  it('says how long until the next request when the refill is slower than a second', () => {
    const limiter = new TokenBucketLimiter({ perSecond: 0.25, burst: 1 });
    limiter.take('a', 0);
    expect(limiter.take('a', 0).retryAfterSeconds).toBe(4);
  });

  it('bounds its memory: idle clients are forgotten first, then the least recently seen', () => {
    const limiter = new TokenBucketLimiter({ perSecond: 1, burst: 5 }, 3);
    for (const key of ['a', 'b', 'c']) limiter.take(key, 0);
    limiter.take('d', 0);
    expect(limiter.size).toBe(3);
    // 'a' was seen least recently and was forgotten: it starts again from a full bucket.
    expect(limiter.take('a', 0).remaining).toBe(4);
    expect(limiter.size).toBe(3);
  });

  it('rejects a policy that could never allow anything', () => {
    expect(() => new TokenBucketLimiter({ perSecond: 0, burst: 1 })).toThrow(/perSecond > 0/);
    expect(() => new TokenBucketLimiter({ perSecond: 1, burst: 0 })).toThrow(/burst >= 1/);
  });
});

describe('rateLimitHeaders', () => {
  const policy = { perSecond: 10, burst: 50 };

  it('sends limit, remaining, reset and policy; Retry-After only on a refusal', () => {
    const allowed = rateLimitHeaders(
      { allowed: true, limit: 50, remaining: 49, resetSeconds: 1, retryAfterSeconds: 0 },
      policy,
    );
    expect(allowed).toEqual({
      'RateLimit-Limit': '50',
      'RateLimit-Remaining': '49',
      'RateLimit-Reset': '1',
      'RateLimit-Policy': '50;w=5',
    });
    const refused = rateLimitHeaders(
      { allowed: false, limit: 50, remaining: 0, resetSeconds: 5, retryAfterSeconds: 1 },
      policy,
    );
    expect(refused['Retry-After']).toBe('1');
  });
});

describe('clientIp', () => {
  const request = (remoteAddress: string, forwardedFor?: string) => ({
    socket: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

  it('uses the peer address and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientIp(request('::ffff:10.0.0.7', '1.2.3.4') as never, 0)).toBe('10.0.0.7');
  });

  it('takes the address the trusted proxy saw, not what the client wrote before it', () => {
    // The client forged "6.6.6.6"; the ingress appended the real peer 203.0.113.9.
    expect(clientIp(request('10.0.0.2', '6.6.6.6, 203.0.113.9') as never, 1)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.2', '198.51.100.1, 10.0.0.1') as never, 2)).toBe('198.51.100.1');
  });

  it('falls back to the furthest address known when fewer proxies answered than trusted', () => {
    expect(clientIp(request('10.0.0.2') as never, 1)).toBe('10.0.0.2');
  });
});

describe('isExemptPath', () => {
  it('exempts probes and scrapes, nothing else', () => {
    expect(['/health/live', '/health/ready', '/metrics'].every(isExemptPath)).toBe(true);
    expect(['/v1/sessions', '/', '/metrics-extra', '/healthz'].some(isExemptPath)).toBe(false);
  });
});
