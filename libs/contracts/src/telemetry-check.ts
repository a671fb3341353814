import { type CarDataFrame, type PositionFrame } from './telemetry';

/*
 * The telemetry schemas checked by hand, for the hot path: a session's frames hold over half a
 * million samples, and zod copies every object it parses (the copies were most of the
 * projection's garbage). A check says "valid" only where the zod schema would too (its spec tries
 * both on thousands of broken frames); where it says "no", the caller parses with zod, which
 * either accepts after all or throws its usual error naming the field.
 */

function isInt(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

const UTC_MS_MAX = Number.MAX_SAFE_INTEGER;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

function isPercentOrNull(value: unknown): boolean {
  return value === null || isInt(value, 0, 100);
}

function isCarDataSample(sample: unknown): boolean {
  if (typeof sample !== 'object' || sample === null) return false;
  const s = sample as Record<string, unknown>;
  return (
    isInt(s.utcMs, 0, UTC_MS_MAX) &&
    isInt(s.rpm, 0, 65_535) &&
    isInt(s.speed, 0, 65_535) &&
    isInt(s.gear, 0, 8) &&
    isPercentOrNull(s.throttle) &&
    isPercentOrNull(s.brake) &&
    isInt(s.drs, 0, 255)
  );
}

function isPositionSample(sample: unknown): boolean {
  if (typeof sample !== 'object' || sample === null) return false;
  const s = sample as Record<string, unknown>;
  return (
    isInt(s.utcMs, 0, UTC_MS_MAX) &&
    isInt(s.x, INT32_MIN, INT32_MAX) &&
    isInt(s.y, INT32_MIN, INT32_MAX) &&
    isInt(s.z, INT32_MIN, INT32_MAX) &&
    (s.status === 'OnTrack' || s.status === 'OffTrack')
  );
}

function isFrame(payload: unknown, isSample: (sample: unknown) => boolean): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  const { sessionKey, cars } = payload as Record<string, unknown>;
  if (!isInt(sessionKey, 1, Number.MAX_SAFE_INTEGER) || !Array.isArray(cars) || cars.length === 0)
    return false;
  for (const car of cars) {
    if (typeof car !== 'object' || car === null) return false;
    const { driverNumber, samples } = car as Record<string, unknown>;
    if (!isInt(driverNumber, 0, 65_535) || !Array.isArray(samples) || samples.length === 0) return false;
    for (const sample of samples) if (!isSample(sample)) return false;
  }
  return true;
}

export function isCarDataFrame(payload: unknown): payload is CarDataFrame {
  return isFrame(payload, isCarDataSample);
}

export function isPositionFrame(payload: unknown): payload is PositionFrame {
  return isFrame(payload, isPositionSample);
}
