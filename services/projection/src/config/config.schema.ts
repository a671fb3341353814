import { type z } from 'zod';

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
  },
  3004,
);

export type ProjectionConfig = z.infer<typeof configSchema>;
