import { z } from 'zod';

import { envBoolean, envInt, serviceConfigSchema } from '@slipstream/platform';

/** Environment variables ingestion reads; validated at start-up. */
export const configSchema = serviceConfigSchema(
  {
    JOLPICA_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.jolpi.ca/ergast/f1'),
    /** Jolpica's published unauthenticated limits: 4 requests a second, 500 an hour. */
    JOLPICA_BURST_PER_SECOND: envInt(4, 1, 1_000),
    JOLPICA_SUSTAINED_PER_HOUR: envInt(500, 1, 1_000_000),
    /** F1's ASP.NET Core SignalR hub (the classic `/signalr` endpoint answers 401 since 2025). */
    LIVETIMING_URL: z.url({ protocol: /^https?$/ }).default('https://livetiming.formula1.com/signalrcore'),
    LIVETIMING_ENABLED: envBoolean(false),
    /** F1 TV subscription token (forms in docs/live-timing.md); the _FILE variant reads a mounted Secret. */
    LIVETIMING_ACCESS_TOKEN: z.string().optional(),
    LIVETIMING_ACCESS_TOKEN_FILE: z.string().optional(),
    /** The session archive (`<year>/Index.json`, session folders of `<Topic>.jsonStream`). */
    LIVETIMING_ARCHIVE_URL: z.url({ protocol: /^https?$/ }).default('https://livetiming.formula1.com/static'),
  },
  3001,
);

export type IngestionConfig = z.infer<typeof configSchema>;
