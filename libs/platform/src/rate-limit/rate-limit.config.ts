import { z } from 'zod';

/*
 * Kept beside the limiter rather than in config/env-schemas.ts; spread into the base schema, so
 * every service's HTTP API is limited the same way. Booleans and integers parse as in env-schemas.
 */
const envFlag = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'TRUE', 'FALSE', 'True', 'False'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === '1' || value.toLowerCase() === 'true');
const envCount = (defaultValue: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(defaultValue);

/** The public HTTP API's rate limit: a token bucket per client IP; `/health/*` and `/metrics` are exempt. */
export const rateLimitConfigSchema = z.object({
  RATE_LIMIT_ENABLED: envFlag(true),
  /** Requests a second each client IP may make on average (the bucket's refill rate). */
  RATE_LIMIT_PER_SECOND: envCount(100, 1, 1_000_000),
  /** Requests a client IP may make at once (the bucket's size). */
  RATE_LIMIT_BURST: envCount(500, 1, 10_000_000),
  /** Proxies in front that append to X-Forwarded-For (1 behind an ingress controller); 0 trusts no header. */
  RATE_LIMIT_TRUSTED_PROXY_HOPS: envCount(0, 0, 10),
});
