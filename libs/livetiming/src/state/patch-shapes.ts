import { DELETED_MARKER, KEYFRAME_MARKER } from './patch-merge';

/** Where a patch breaks its topic's shape: a dotted path into the patch and what was wrong there. */
export interface ShapeViolation {
  path: string[];
  message: string;
}

/** Checks one value of a patch; `path` is where it sits, for the violation it returns. */
export type Shape = (value: unknown, path: string[]) => ShapeViolation | undefined;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

const wrong = (path: string[], expected: string, value: unknown): ShapeViolation => ({
  path,
  message: `expected ${expected}, got ${describe(value)}`,
});

/** Anything the feed may send: fields this project does not read keep their freedom. */
export const anything: Shape = () => undefined;

export const text: Shape = (value, path) =>
  typeof value === 'string' ? undefined : wrong(path, 'text', value);

export const flag: Shape = (value, path) =>
  typeof value === 'boolean' ? undefined : wrong(path, 'true or false', value);

export const count: Shape = (value, path) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? undefined
    : wrong(path, 'a whole number >= 0', value);

/** A finite number (segment and sector statuses are bit sets, so any integer). */
export const numeric: Shape = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? undefined : wrong(path, 'a number', value);

/** Positions travel as text: `"3"`, or `""` while a car has none. */
export const positionText: Shape = (value, path) =>
  typeof value === 'string' && /^(?:\d{1,3})?$/.test(value)
    ? undefined
    : { path, message: `expected a position as digits in text, got ${JSON.stringify(value)?.slice(0, 40)}` };

export const oneOf =
  (...shapes: Shape[]): Shape =>
  (value, path) => {
    let first: ShapeViolation | undefined;
    for (const shape of shapes) {
      const violation = shape(value, path);
      if (!violation) return undefined;
      first ??= violation;
    }
    return first;
  };

/**
 * An object patch with known fields; a key the schema does not know is let through (the feed adds
 * fields over the years), but a known key must have its shape. The feed's `_kf` and `_deleted`
 * markers are allowed wherever an object is.
 */
export function record(fields: Record<string, Shape>): Shape {
  return (value, path) => {
    if (!isPlainObject(value)) return wrong(path, 'an object', value);
    for (const key in value) {
      const violation = markerViolation(key, value[key], path) ?? fields[key]?.(value[key], [...path, key]);
      if (violation) return violation;
    }
    return undefined;
  };
}

/**
 * An array of full records, or (as later patches address it) an object keyed by index: both are
 * how the feed sends `Sectors`, `Segments`, `Stints`, `Messages`.
 */
export function indexed(element: Shape): Shape {
  return (value, path) => {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const violation = element(value[index], [...path, String(index)]);
        if (violation) return violation;
      }
      return undefined;
    }
    if (!isPlainObject(value)) return wrong(path, 'an array or an object keyed by index', value);
    for (const key in value) {
      const marker = markerViolation(key, value[key], path);
      if (marker) return marker;
      if (key === KEYFRAME_MARKER || key === DELETED_MARKER) continue;
      if (!/^\d{1,4}$/.test(key)) return { path: [...path, key], message: 'expected an index (0, 1, …)' };
      const violation = element(value[key], [...path, key]);
      if (violation) return violation;
    }
    return undefined;
  };
}

/** Per-car data: an object keyed by racing numbers 1–99, each an object patch of `line`. */
export function byCar(line: Shape): Shape {
  return (value, path) => {
    if (!isPlainObject(value)) return wrong(path, 'an object keyed by car number', value);
    for (const key in value) {
      const marker = markerViolation(key, value[key], path);
      if (marker) return marker;
      if (key === KEYFRAME_MARKER || key === DELETED_MARKER) continue;
      if (!/^[1-9]\d?$/.test(key)) return { path: [...path, key], message: 'expected a car number 1–99' };
      const violation = line(value[key], [...path, key]);
      if (violation) return violation;
    }
    return undefined;
  };
}

function markerViolation(key: string, value: unknown, path: string[]): ShapeViolation | undefined {
  if (key === KEYFRAME_MARKER) return flag(value, [...path, key]);
  if (key !== DELETED_MARKER) return undefined;
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string' || typeof entry === 'number'))
    return undefined;
  return wrong([...path, key], 'a list of keys', value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
