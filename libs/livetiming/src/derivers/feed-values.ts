import type { Gap } from '@slipstream/contracts';

/*
 * The feed writes every timing and weather value as a string (`"1:18.964"`, `"+0.123"`, `"25.9"`),
 * booleans sometimes as strings, and `""` for "nothing yet". These readers turn them into numbers
 * or null and never throw: a value the feed has not filled in is not an error.
 */

export type FeedRecord = Record<string, unknown>;

export function asRecord(value: unknown): FeedRecord | undefined {
  return typeof value === 'object' && value !== null ? (value as FeedRecord) : undefined;
}

/** Entries of an object, or of an array as `[index, element]`: patches address both by key. */
export function keyedEntries(value: unknown): Array<[string, unknown]> {
  const record = asRecord(value);
  return record ? Object.entries(record) : [];
}

const DURATION = /^(?:(?:(\d+):)?(\d+):)?(\d+)(?:\.(\d{1,3})\d*)?$/;

/** `1:18.964`, `27.339`, `90.889` or `1:02:03.4` as milliseconds; null when empty or unreadable. */
export function parseDurationMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = DURATION.exec(value.trim());
  if (!match) return null;
  const [, hours, minutes, seconds, fraction] = match;
  const wholeSeconds = (Number(hours ?? 0) * 60 + Number(minutes ?? 0)) * 60 + Number(seconds);
  return wholeSeconds * 1000 + Number((fraction ?? '').padEnd(3, '0'));
}

const GAP_TIME = /^([+-]?)(\d+(?:\.\d+)?)$/;
const GAP_LAPS = /^\+?(\d+)\s*L(?:APS?)?$/i;

/** `+0.123` is a time, `1L` / `+2 LAPS` laps down; the leader's `LAP 18` and `` are neither. */
export function parseGap(value: unknown): Gap {
  const text = typeof value === 'string' ? value.trim() : '';
  const time = GAP_TIME.exec(text);
  if (time) return { text, ms: Math.round(Number(time[2]) * 1000) * (time[1] === '-' ? -1 : 1), laps: null };
  const laps = GAP_LAPS.exec(text);
  if (laps) return { text, ms: null, laps: Number(laps[1]) };
  return { text, ms: null, laps: null };
}

export function parseFeedBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  return null;
}

export function parseDecimal(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

export function parseInteger(value: unknown): number | null {
  const number = parseDecimal(value);
  return number !== null && Number.isInteger(number) ? number : null;
}

const DRIVER_KEY = /^\d{1,3}$/;
const driverKeys = new Map<string, number | null>();

/**
 * Drivers are keyed by racing number as a string; anything else (markers, junk) is not a driver.
 * Telemetry asks for every car in every frame, so the answers for the few keys there are are kept.
 */
export function driverNumberOf(key: string): number | null {
  let driverNumber = driverKeys.get(key);
  if (driverNumber === undefined) {
    driverNumber = DRIVER_KEY.test(key) ? Number(key) : null;
    if (driverKeys.size < 1000) driverKeys.set(key, driverNumber);
  }
  return driverNumber;
}

export function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
