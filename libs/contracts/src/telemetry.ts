import { z } from 'zod';

import { isCarDataFrame, isPositionFrame } from './telemetry-check';

/**
 * TELEMETRY payloads: one message per feed frame with every car's samples, published on
 * `telemetrySubjects.frame(sessionKey, 'car_data' | 'position')`. Samples are kept as the feed
 * sends them, minus the values the feed uses to say "no reading" (see the sentinels below).
 *
 * Names: "car data" is the feed's `CarData.z` (speed, rpm, gear, throttle, brake, DRS) everywhere
 * inside slipstream (`CarDataSample`, the `car_data` subject kind, OpenF1's `/v1/car_data`); two
 * public names predate it and stay, because clients and stored data depend on them: the live
 * feed's topic `telemetry` and the read model's table `car_telemetry`. "Telemetry" alone means car
 * data and positions together (the TELEMETRY stream).
 *
 * Logs written before frames hold one message per car and frame (`tel.<session>.<driver>.car|pos`,
 * payload `{sessionKey, driverNumber, samples}`); `carDataBatchesOf` and `positionBatchesOf` read
 * both, so a read model rebuilt from such a log is the same.
 */

/** CarData channels 4 (throttle) and 5 (brake) carry 104 when the car sends nothing, e.g. in the garage. */
export const CAR_DATA_NO_READING = 104;

const sessionKey = z.number().int().positive();
const driverNumber = z.number().int().min(0).max(65_535);
/** Epoch milliseconds, UTC; the feed's 100 ns ticks are truncated to the millisecond. */
const utcMs = z.number().int().nonnegative();
/*
 * Bounds are the read model's column types: ClickHouse stores an out-of-range integer wrapped
 * around without an error, so a value the column cannot hold is refused here, with a reason.
 */
const uint8 = z.number().int().min(0).max(255);
const uint16 = z.number().int().min(0).max(65_535);
const int32 = z.number().int().min(-2_147_483_648).max(2_147_483_647);

export const carDataSampleSchema = z.object({
  utcMs,
  rpm: uint16,
  /** km/h. */
  speed: uint16,
  /** 0 is neutral. */
  gear: z.number().int().min(0).max(8),
  /** Percent; null where the feed sent its no-reading value. */
  throttle: z.number().int().min(0).max(100).nullable(),
  /** 0 or 100 in recent seasons; null where the feed sent its no-reading value. */
  brake: z.number().int().min(0).max(100).nullable(),
  /** Raw DRS state: 0/1 off, 8 eligible, 10/12/14 flap open. */
  drs: uint8,
});

export const carDataBatchSchema = z.object({
  sessionKey,
  driverNumber,
  samples: z.array(carDataSampleSchema).min(1),
});

/** One car's samples within a frame: the per-car batch without its session. */
const carDataOfCarSchema = carDataBatchSchema.omit({ sessionKey: true });

/** One `CarData.z` frame: every car that sent a reading. */
export const carDataFrameSchema = z.object({
  sessionKey,
  cars: z.array(carDataOfCarSchema).min(1),
});

export const trackPresenceSchema = z.enum(['OnTrack', 'OffTrack']);

/**
 * Circuit-local coordinates in 1/10 m. Samples where X, Y and Z are all 0 (the car is not yet
 * tracked) are not readings and never appear here.
 */
export const positionSampleSchema = z.object({
  utcMs,
  x: int32,
  y: int32,
  z: int32,
  status: trackPresenceSchema,
});

export const positionBatchSchema = z.object({
  sessionKey,
  driverNumber,
  samples: z.array(positionSampleSchema).min(1),
});

const positionOfCarSchema = positionBatchSchema.omit({ sessionKey: true });

/** One `Position.z` message: every car with a position. */
export const positionFrameSchema = z.object({
  sessionKey,
  cars: z.array(positionOfCarSchema).min(1),
});

/** A frame's cars as per-car batches; a message of the per-car format is a one-car frame. */
export function carDataBatchesOf(payload: unknown): CarDataBatch[] {
  if (isPerCarBatch(payload)) return [carDataBatchSchema.parse(payload)];
  const { sessionKey, cars } = isCarDataFrame(payload) ? payload : carDataFrameSchema.parse(payload);
  return cars.map(({ driverNumber, samples }) => ({ sessionKey, driverNumber, samples }));
}

export function positionBatchesOf(payload: unknown): PositionBatch[] {
  if (isPerCarBatch(payload)) return [positionBatchSchema.parse(payload)];
  const { sessionKey, cars } = isPositionFrame(payload) ? payload : positionFrameSchema.parse(payload);
  return cars.map(({ driverNumber, samples }) => ({ sessionKey, driverNumber, samples }));
}

function isPerCarBatch(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && 'driverNumber' in payload && !('cars' in payload);
}

export type CarDataSample = z.infer<typeof carDataSampleSchema>;
export type CarDataBatch = z.infer<typeof carDataBatchSchema>;
export type PositionSample = z.infer<typeof positionSampleSchema>;
export type PositionBatch = z.infer<typeof positionBatchSchema>;
export type CarDataFrame = z.infer<typeof carDataFrameSchema>;
export type PositionFrame = z.infer<typeof positionFrameSchema>;
