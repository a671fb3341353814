import { z } from 'zod';

/**
 * TELEMETRY payloads: one batch per driver and feed frame, published on
 * `telemetrySubjects.of(sessionKey, driver, 'car' | 'pos')`. Samples are kept as the feed sends
 * them, minus the values the feed uses to say "no reading" (see the sentinels below).
 */

/** CarData channels 4 (throttle) and 5 (brake) carry 104 when the car sends nothing, e.g. in the garage. */
export const CAR_DATA_NO_READING = 104;

const sessionKey = z.number().int().positive();
const driverNumber = z.number().int().nonnegative();
/** Epoch milliseconds, UTC; the feed's 100 ns ticks are truncated to the millisecond. */
const utcMs = z.number().int().nonnegative();

export const carDataSampleSchema = z.object({
  utcMs,
  rpm: z.number().int().nonnegative(),
  /** km/h. */
  speed: z.number().int().nonnegative(),
  /** 0 is neutral. */
  gear: z.number().int().min(0).max(8),
  /** Percent; null where the feed sent its no-reading value. */
  throttle: z.number().int().min(0).max(100).nullable(),
  /** 0 or 100 in recent seasons; null where the feed sent its no-reading value. */
  brake: z.number().int().min(0).max(100).nullable(),
  /** Raw DRS state: 0/1 off, 8 eligible, 10/12/14 flap open. */
  drs: z.number().int().nonnegative(),
});

export const carDataBatchSchema = z.object({
  sessionKey,
  driverNumber,
  samples: z.array(carDataSampleSchema).min(1),
});

export const trackPresenceSchema = z.enum(['OnTrack', 'OffTrack']);

/**
 * Circuit-local coordinates in 1/10 m. Samples where X, Y and Z are all 0 (the car is not yet
 * tracked) are not readings and never appear here.
 */
export const positionSampleSchema = z.object({
  utcMs,
  x: z.number().int(),
  y: z.number().int(),
  z: z.number().int(),
  status: trackPresenceSchema,
});

export const positionBatchSchema = z.object({
  sessionKey,
  driverNumber,
  samples: z.array(positionSampleSchema).min(1),
});

export type CarDataSample = z.infer<typeof carDataSampleSchema>;
export type CarDataBatch = z.infer<typeof carDataBatchSchema>;
export type TrackPresence = z.infer<typeof trackPresenceSchema>;
export type PositionSample = z.infer<typeof positionSampleSchema>;
export type PositionBatch = z.infer<typeof positionBatchSchema>;
