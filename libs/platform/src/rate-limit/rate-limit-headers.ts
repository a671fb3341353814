import { type RateLimitDecision, type RateLimitPolicy } from './token-bucket';

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, the form most APIs and
 * express-rate-limit send): limit, remaining, seconds to reset, and the policy as `burst;w=window`
 * (the window being how long an empty bucket takes to fill). `Retry-After` only on a refusal.
 */
export function rateLimitHeaders(
  decision: RateLimitDecision,
  policy: RateLimitPolicy,
): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
    'RateLimit-Policy': `${policy.burst};w=${Math.max(1, Math.ceil(policy.burst / policy.perSecond))}`,
  };
  if (!decision.allowed) headers['Retry-After'] = String(decision.retryAfterSeconds);
  return headers;
}
