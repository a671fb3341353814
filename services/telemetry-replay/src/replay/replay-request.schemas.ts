import { z } from 'zod';

/** `1` real time, `10` ten times faster, `"max"` as fast as the pipeline takes it. */
export const speedSchema = z
  .union([z.literal('max'), z.number().positive().max(10_000)])
  .transform((value) => (value === 'max' ? Infinity : value));

export const startReplaySchema = z.object({
  /** A session folder name under REPLAY_DIR, e.g. `2025-mexico-city-gp-qualifying`. */
  session: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a folder name under REPLAY_DIR (no slashes)'),
  speed: speedSchema.default(1),
  /** Defaults to the session key; several replays may run at once under different ids. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

export const seekSchema = z
  .object({
    /** Milliseconds on the recording's own time scale (from the start of the stream). */
    offsetMs: z.number().nonnegative().optional(),
    /** Milliseconds from the session's scheduled start. */
    sessionTimeMs: z.number().optional(),
  })
  .refine((value) => (value.offsetMs === undefined) !== (value.sessionTimeMs === undefined), {
    message: 'give exactly one of offsetMs or sessionTimeMs',
  });

export const setSpeedSchema = z.object({ speed: speedSchema });

export const controlRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('list') }),
  z.object({ action: z.literal('start') }).extend(startReplaySchema.shape),
  z.object({ action: z.enum(['pause', 'resume', 'stop', 'status']), id: z.string() }),
  z.object({
    action: z.literal('seek'),
    id: z.string(),
    offsetMs: z.number().nonnegative().optional(),
    sessionTimeMs: z.number().optional(),
  }),
  z.object({ action: z.literal('speed'), id: z.string(), speed: speedSchema }),
]);

export type StartReplayRequest = z.infer<typeof startReplaySchema>;
export type ControlRequest = z.infer<typeof controlRequestSchema>;
