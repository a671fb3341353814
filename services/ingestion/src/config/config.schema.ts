import { z } from 'zod';

import { envBoolean, envInt, serviceConfigSchema } from '@slipstream/platform';

/** Environment variables ingestion reads; validated at start-up. */
export const configSchema = serviceConfigSchema(
  {
    JOLPICA_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.jolpi.ca/ergast/f1'),
    /** Jolpica's published unauthenticated limits: 4 requests a second, 500 an hour. */
    JOLPICA_BURST_PER_SECOND: envInt(4, 1, 1_000),
    JOLPICA_SUSTAINED_PER_HOUR: envInt(500, 1, 1_000_000),
    LIVETIMING_URL: z.url({ protocol: /^(https?|wss?)$/ }).default('https://livetiming.formula1.com/signalr'),
    LIVETIMING_ENABLED: envBoolean(false),
  },
  3001,
);

export type IngestionConfig = z.infer<typeof configSchema>;
