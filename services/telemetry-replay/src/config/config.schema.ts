import { z } from 'zod';

import { serviceConfigSchema } from '@slipstream/platform';

/** Environment variables telemetry-replay reads; validated at start-up. */
export const configSchema = serviceConfigSchema(
  {
    /** Folder holding recorded sessions (one sub-folder each); the bundled ones by default. */
    REPLAY_DIR: z.string().min(1).default('data/sessions'),
    /** A session folder (absolute, or relative to REPLAY_DIR) to start replaying at boot. */
    REPLAY_AUTOSTART: z.string().optional(),
    /** Pacing of the autostarted replay: 1 = real time, `max` = as fast as possible. */
    REPLAY_SPEED: z
      .union([z.literal('max'), z.coerce.number().positive().max(10_000)])
      .default(1)
      .transform((value) => (value === 'max' ? Infinity : value)),
    /**
     * Bearer token the HTTP control routes (start, pause, seek, stop…) require. Unset: they are open
     * on a loopback HTTP_HOST only, and refused on any other listener.
     */
    REPLAY_CONTROL_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Comma-separated origins besides the server's own whose pages may send control requests; `*` any. */
    REPLAY_CORS_ORIGINS: z.string().default(''),
    /** F1's session archive, for GET /v1/recordings/downloadable and downloads (docs/live-timing.md). */
    LIVETIMING_ARCHIVE_URL: z.url({ protocol: /^https?$/ }).default('https://livetiming.formula1.com/static'),
    /** The F1 TV token the archive wants, or a file holding it (a mounted Secret). */
    LIVETIMING_ACCESS_TOKEN: z.string().optional(),
    LIVETIMING_ACCESS_TOKEN_FILE: z.string().optional(),
  },
  3002,
);

export type TelemetryReplayConfig = z.infer<typeof configSchema>;
