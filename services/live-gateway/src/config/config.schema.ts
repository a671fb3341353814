import { z } from 'zod';

import { consumerConfigSchema, envInt, serviceConfigSchema } from '@slipstream/platform';

/** Environment variables live-gateway reads; validated at start-up. */
export const configSchema = serviceConfigSchema(
  {
    ...consumerConfigSchema.shape,
    /** Deltas are batched per tick so the message rate does not grow with the number of cars. */
    GATEWAY_TICK_MS: envInt(250, 20, 5_000),
    GATEWAY_MAX_CONNECTIONS: envInt(5_000, 1, 1_000_000),
    GATEWAY_MAX_SUBSCRIPTIONS: envInt(20, 1, 1_000),
    /** Comma-separated origins, or `*`. */
    GATEWAY_CORS_ORIGINS: z.string().default('*'),
    /** When set, clients must present it (private deployments); unset = public read-only feed. */
    GATEWAY_AUTH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  },
  3005,
);

export type LiveGatewayConfig = z.infer<typeof configSchema>;
