import { type IncomingMessage, type ServerResponse } from 'node:http';

import { clientIp } from './client-ip';
import { rateLimitHeaders } from './rate-limit-headers';
import { type RateLimitPolicy, TokenBucketLimiter } from './token-bucket';

export interface HttpRateLimitOptions extends RateLimitPolicy {
  trustedProxyHops: number;
  /** Called for each refused request (a metric). */
  onLimited?: (path: string) => void;
}

/**
 * Probes and scrapes are never limited: a throttled readiness probe would take a healthy pod out
 * of service exactly when it is busiest.
 */
export function isExemptPath(path: string): boolean {
  return path === '/metrics' || path === '/health' || path.startsWith('/health/');
}

/**
 * A Connect-style middleware (what `app.use` takes): a token bucket per client IP over every HTTP
 * request but probes and scrapes. Allowed responses carry the `RateLimit-*` headers; a refusal is
 * a 429 with `Retry-After`, in the same JSON shape as the services' other errors.
 */
export function httpRateLimit(
  options: HttpRateLimitOptions,
): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  const policy = { perSecond: options.perSecond, burst: options.burst };
  const limiter = new TokenBucketLimiter(policy);
  return (request, response, next) => {
    const path = (request.url ?? '/').split('?')[0];
    if (isExemptPath(path)) return next();
    const decision = limiter.take(clientIp(request, options.trustedProxyHops), Date.now());
    const headers = rateLimitHeaders(decision, policy);
    if (decision.allowed) {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      return next();
    }
    options.onLimited?.(path);
    const message = `Too many requests from this address: at most ${policy.burst} at once and ${policy.perSecond} a second; retry after ${decision.retryAfterSeconds} s`;
    response.writeHead(429, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message }));
  };
}
