import { type JolpicaResource } from '@slipstream/historical';

/** One request series (all pages of one resource in one scope): the unit a checkpoint marks done. */
export interface BackfillUnit {
  key: string;
  resource: JolpicaResource;
  season?: number;
  round?: number;
}

export const GLOBAL_RESOURCES: readonly JolpicaResource[] = [
  'seasons',
  'circuits',
  'drivers',
  'constructors',
  'status',
];
export const SEASON_RESOURCES: readonly JolpicaResource[] = ['races', 'results', 'qualifying', 'sprint'];
export const ROUND_RESOURCES: readonly JolpicaResource[] = [
  'driverstandings',
  'constructorstandings',
  'laps',
  'pitstops',
];

/** The API has nothing before these seasons; asking would spend rate budget on empty pages. */
const FIRST_SEASON: Partial<Record<JolpicaResource, number>> = {
  sprint: 2021,
  laps: 1996,
  pitstops: 2011,
  qualifying: 1994,
};

export function globalUnits(resources: readonly JolpicaResource[]): BackfillUnit[] {
  return GLOBAL_RESOURCES.filter((resource) => resources.includes(resource)).map((resource) => ({
    key: `backfill.global.${resource}`,
    resource,
  }));
}

export function seasonUnits(season: number, resources: readonly JolpicaResource[]): BackfillUnit[] {
  return SEASON_RESOURCES.filter(
    (resource) => resources.includes(resource) && season >= (FIRST_SEASON[resource] ?? 0),
  ).map((resource) => ({ key: `backfill.${season}.${resource}`, resource, season }));
}

export function roundUnits(
  season: number,
  rounds: readonly number[],
  resources: readonly JolpicaResource[],
): BackfillUnit[] {
  return ROUND_RESOURCES.filter(
    (resource) => resources.includes(resource) && season >= (FIRST_SEASON[resource] ?? 0),
  ).flatMap((resource) =>
    rounds.map((round) => ({ key: `backfill.${season}.${round}.${resource}`, resource, season, round })),
  );
}

export const ALL_BACKFILL_RESOURCES: readonly JolpicaResource[] = [
  ...GLOBAL_RESOURCES,
  ...SEASON_RESOURCES,
  ...ROUND_RESOURCES,
];
