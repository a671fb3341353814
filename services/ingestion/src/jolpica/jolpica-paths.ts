import { type JolpicaResource } from '@slipstream/historical';

export interface JolpicaQuery {
  season?: number;
  round?: number;
}

/** Resources Jolpica only serves for one race, and those it only serves for one season. */
const NEEDS_ROUND = new Set<JolpicaResource>(['laps', 'pitstops']);
const NEEDS_SEASON = new Set<JolpicaResource>([
  'laps',
  'pitstops',
  'driverstandings',
  'constructorstandings',
]);

/** The path under the base URL, e.g. `/2023/1/results.json`. */
export function jolpicaPath(resource: JolpicaResource, query: JolpicaQuery = {}): string {
  if (NEEDS_SEASON.has(resource) && query.season === undefined)
    throw new Error(`Jolpica serves ${resource} only for a season`);
  if (NEEDS_ROUND.has(resource) && query.round === undefined)
    throw new Error(`Jolpica serves ${resource} only for a round`);
  if (query.round !== undefined && query.season === undefined) throw new Error('A round needs its season');
  const scope = [query.season, query.round]
    .filter((part) => part !== undefined)
    .map((part) => `/${part}`)
    .join('');
  return `${scope}/${resource}.json`;
}
