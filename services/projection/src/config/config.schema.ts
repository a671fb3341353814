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
  },
  3004,
);

export type ProjectionConfig = z.infer<typeof configSchema>;
