/**
 * The chart's values with overrides layered on top, merged as Helm coalesces them (maps merge key by
 * key, a null removes a key, anything else replaces). The values-schema test validates these merged
 * values the way `helm lint` does against values.schema.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

/* eslint-disable @typescript-eslint/no-explicit-any -- values are untyped YAML */
type Dict = Record<string, any>;

const isPlainObject = (value: unknown): value is Dict =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function mergeValues(base: unknown, override: unknown): unknown {
  if (override === null) return undefined;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const result: Dict = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const merged = mergeValues(result[key], value);
    if (merged === undefined) delete result[key];
    else result[key] = merged;
  }
  return result;
}

export function loadValues(chartDir: string, layers: Array<string | Dict> = []): Dict {
  let values = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as Dict;
  for (const layer of layers) {
    const override = typeof layer === 'string' ? (parse(readFileSync(layer, 'utf8')) ?? {}) : layer;
    values = mergeValues(values, override) as Dict;
  }
  return values;
}
