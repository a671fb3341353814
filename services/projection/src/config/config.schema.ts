import { z } from 'zod';

import {
  clickhouseConfigSchema,
  consumerConfigSchema,
  envInt,
  serviceConfigSchema,
} from '@slipstream/platform';

/** Environment variables projection reads; validated at start-up. */
export const configSchema = serviceConfigSchema(
  {
    ...consumerConfigSchema.shape,
    ...clickhouseConfigSchema.shape,
    /** Rows per insert: ClickHouse prefers few large inserts (10k–100k rows). */
    PROJECTION_BATCH_MAX_ROWS: envInt(50_000, 1, 1_000_000),
    PROJECTION_FLUSH_INTERVAL_MS: envInt(1_000, 10, 60_000),
    /** A ClickHouse server user with SELECT only, for the query APIs; unset = the projection's user. */
    CLICKHOUSE_QUERY_USER: z.string().min(1).optional(),
    CLICKHOUSE_QUERY_PASSWORD: z.string().optional(),
    /** Path under which the OpenF1-compatible API is served, e.g. `/v1` (as api.openf1.org) or `/openf1/v1`. */
    OPENF1_PATH_PREFIX: z
      .string()
      .regex(/^(\/[A-Za-z0-9_-]+)+$/, 'must be a path such as /v1')
      .default('/v1'),
    /** Rows one OpenF1 response may hold; more is a 413 asking the client to filter. */
    OPENF1_MAX_ROWS: envInt(100_000, 1, 1_000_000),
    /** OpenF1 queries run at once (embedded ClickHouse runs one at a time anyway); the rest queue. */
    OPENF1_MAX_CONCURRENT_QUERIES: envInt(2, 1, 64),
    /** OpenF1 queries that may wait; beyond that a 503 with Retry-After. */
    OPENF1_MAX_QUEUED_QUERIES: envInt(64, 0, 10_000),
    /** ClickHouse stops an OpenF1 query after this many seconds. */
    OPENF1_QUERY_TIMEOUT_SECONDS: envInt(30, 1, 600),
  },
  3004,
);

export type ProjectionConfig = z.infer<typeof configSchema>;
