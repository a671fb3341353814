/** A JSON object or array as the feed sends it; arrays are addressed by index strings too. */
export type JsonContainer = Record<string, unknown> | unknown[];

/** The feed marks keyframes with `_kf`; it is a marker, not data. */
export const KEYFRAME_MARKER = '_kf';
/** `{"_deleted": ["Lap"]}` removes those keys from the object it sits in. */
export const DELETED_MARKER = '_deleted';

export function isContainer(value: unknown): value is JsonContainer {
  return typeof value === 'object' && value !== null;
}

/**
 * Merges one live-timing patch into a topic's state, in place. Objects merge recursively; an
 * array in the state takes later patches as objects keyed by index (`{"Lines":{"4":{…}}}`), which
 * is why arrays and objects go through the same key-wise path; an array in the patch replaces
 * what was there (it is a full record). Subtrees taken from the patch are copied, so the caller's
 * payload is never aliased into the state and can be applied again elsewhere.
 */
export function mergePatch(target: JsonContainer, patch: Record<string, unknown>): void {
  const into = target as Record<string, unknown>;
  const deleted = patch[DELETED_MARKER];
  if (Array.isArray(deleted)) removeKeys(target, deleted);
  for (const key in patch) {
    if (key === KEYFRAME_MARKER || key === DELETED_MARKER) continue;
    const value = patch[key];
    if (!isContainer(value)) {
      into[key] = value;
    } else if (Array.isArray(value)) {
      into[key] = copyJson(value);
    } else {
      const current = into[key];
      if (isContainer(current)) mergePatch(current, value as Record<string, unknown>);
      else into[key] = copyJson(value);
    }
  }
}

function removeKeys(target: JsonContainer, keys: readonly unknown[]): void {
  if (!Array.isArray(target)) {
    for (const key of keys) delete target[String(key)];
    return;
  }
  // Highest index first, so the remaining indexes still point at the intended elements.
  const indexes = keys.map(Number).filter((index) => Number.isInteger(index) && index >= 0);
  for (const index of indexes.sort((a, b) => b - a)) target.splice(index, 1);
}

/** A deep copy of JSON data, leaving out the feed's markers so they never become state. */
export function copyJson<T>(value: T): T {
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (key === KEYFRAME_MARKER || key === DELETED_MARKER) continue;
    copy[key] = copyJson((value as Record<string, unknown>)[key]);
  }
  return copy as T;
}
