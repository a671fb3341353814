import { z } from 'zod';

import { consumerConfigSchema, envInt, serviceConfigSchema } from '@slipstream/platform';

/** Environment variables live-gateway reads; validated at start-up. */
export const configSchema = serviceConfigSchema(
  {
    ...consumerConfigSchema.shape,
    /** Deltas are batched per tick so the message rate does not grow with the number of cars. */
    GATEWAY_TICK_MS: envInt(250, 20, 5_000),
    /**
     * Early flush: messages arriving when the last tick is at least this long ago are sent within a
     * few ms instead of waiting for the next tick; ticks stay this far apart. At or above the tick: off.
     */
    GATEWAY_EARLY_FLUSH_MS: envInt(50, 0, 5_000),
    GATEWAY_MAX_CONNECTIONS: envInt(5_000, 1, 1_000_000),
    GATEWAY_MAX_SUBSCRIPTIONS: envInt(20, 1, 1_000),
    /** Comma-separated origins, or `*`. */
    GATEWAY_CORS_ORIGINS: z.string().default('*'),
    /** When set, clients must present it (private deployments); unset = public read-only feed. */
    GATEWAY_AUTH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Largest client message (e.g. a `subscribe`) answered; larger ones get a `payload_too_large` error. */
    GATEWAY_MAX_PAYLOAD_BYTES: envInt(4_096, 256, 1_000_000),
    /** Client messages per second per connection (bursts of twice that are allowed). */
    GATEWAY_MAX_EVENTS_PER_SECOND: envInt(10, 1, 10_000),
    /** Frames queued for one socket beyond which its telemetry is dropped; at 8x it is disconnected. */
    GATEWAY_MAX_BUFFERED_FRAMES: envInt(64, 4, 100_000),
    /** A resume further behind than this (stream messages) gets a fresh snapshot instead of a replay. */
    GATEWAY_RESUME_MAX_MESSAGES: envInt(20_000, 0, 10_000_000),
    /** New Socket.io connections a second per client IP (a token bucket; off with RATE_LIMIT_ENABLED=false). */
    GATEWAY_HANDSHAKES_PER_SECOND: envInt(10, 1, 1_000_000),
    /** New connections a client IP may open at once. */
    GATEWAY_HANDSHAKE_BURST: envInt(50, 1, 10_000_000),
    /** At start, session state is rebuilt from this much EVENTS history (so late joiners get snapshots). */
    GATEWAY_WARMUP_MS: envInt(6 * 60 * 60 * 1_000, 0, 30 * 24 * 60 * 60 * 1_000),
  },
  3005,
);

export type LiveGatewayConfig = z.infer<typeof configSchema>;
