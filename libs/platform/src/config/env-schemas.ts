import { z } from 'zod';

import { rateLimitConfigSchema } from '../rate-limit/rate-limit.config';

/** `true`/`false`/`1`/`0` (case-insensitive), as environment variables spell booleans. */
export const envBoolean = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'TRUE', 'FALSE', 'True', 'False'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value.toLowerCase() === 'true');

export const envInt = (defaultValue: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(defaultValue);

const natsUrl = z
  .string()
  .default('nats://127.0.0.1:4222')
  .refine(
    (value) =>
      value.split(',').every((server) => /^(nats|tls|ws|wss):\/\/[^\s/]+(:\d+)?\/?$/.test(server.trim())),
    'must be one or more comma-separated nats://host:port URLs',
  );

/** What every service reads. `HTTP_PORT` has a per-service default, set by `withPort`. */
export const baseConfigSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HTTP_PORT: envInt(3000, 0, 65_535),
  NATS_URL: natsUrl,
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  NATS_PROVISION: envBoolean(true),
  SHUTDOWN_TIMEOUT_MS: envInt(15_000, 100),
  ...rateLimitConfigSchema.shape,
});

/** Pull-consumer tuning for services that consume from JetStream. */
export const consumerConfigSchema = z.object({
  CONSUMER_BATCH_SIZE: envInt(500, 1, 10_000),
  CONSUMER_MAX_DELIVER: envInt(5, 1, 100),
  CONSUMER_ACK_WAIT_MS: envInt(30_000, 1_000),
});

export const clickhouseConfigSchema = z.object({
  CLICKHOUSE_URL: z.url({ protocol: /^https?$/ }).optional(),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .default('slipstream'),
  CHDB_PATH: z.string().min(1).default('.slipstream/chdb'),
  CLICKHOUSE_MIGRATE: envBoolean(true),
});

/** A service's schema: the shapes it reads, with its own default port. */
export function serviceConfigSchema<T extends z.ZodRawShape>(shape: T, port: number) {
  return z.object({ ...baseConfigSchema.shape, ...shape, HTTP_PORT: envInt(port, 0, 65_535) });
}

export type BaseConfig = z.infer<typeof baseConfigSchema>;
export type ConsumerConfig = z.infer<typeof consumerConfigSchema>;
export type ClickHouseConfig = z.infer<typeof clickhouseConfigSchema>;
