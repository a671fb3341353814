import { type FilterValueSpec, type HistoryFilter } from './history-route';

const SEASON: FilterValueSpec = { kind: 'integer', type: 'UInt16', min: 1950, max: 2100 };
const ROUND: FilterValueSpec = { kind: 'integer', type: 'UInt8', min: 1, max: 99 };
const REF: FilterValueSpec = { kind: 'ref' };

/** `column = {p0:T}` for one value, `column IN ({p0:T}, {p1:T})` for several. */
export function equals(column: string): (placeholders: string[]) => string {
  return (placeholders) =>
    placeholders.length === 1
      ? `${column} = ${placeholders[0]}`
      : `${column} IN (${placeholders.join(', ')})`;
}

/** An array column holding any of the values. */
export function containsAny(column: string): (placeholders: string[]) => string {
  return (placeholders) => `hasAny(${column}, [${placeholders.join(', ')}])`;
}

const LIST = 'Several values: comma-separated or the parameter repeated.';

export const seasonFilter = (membership = false): HistoryFilter => ({
  name: 'season',
  description: `Championship year, e.g. 2023. ${LIST}`,
  value: SEASON,
  condition: equals('season'),
  membership,
});

export const roundFilter = (description: string, membership = false): HistoryFilter => ({
  name: 'round',
  description: `${description} ${LIST}`,
  value: ROUND,
  condition: equals('round'),
  membership,
});

export const driverFilter = (
  description = 'Driver by driverRef (Jolpica’s driverId), e.g. max_verstappen.',
  condition = equals('driver_ref'),
  membership = false,
): HistoryFilter => ({
  name: 'driver',
  description: `${description} ${LIST}`,
  value: REF,
  condition,
  membership,
});

export const constructorFilter = (
  description = 'Constructor by constructorRef (Jolpica’s constructorId), e.g. red_bull.',
  condition = equals('constructor_ref'),
  membership = false,
): HistoryFilter => ({
  name: 'constructor',
  description: `${description} ${LIST}`,
  value: REF,
  condition,
  membership,
});

export const circuitFilter = (
  description = 'Circuit by circuitRef (Jolpica’s circuitId), e.g. monaco.',
  membership = false,
): HistoryFilter => ({
  name: 'circuit',
  description: `${description} ${LIST}`,
  value: REF,
  condition: equals('circuit_ref'),
  membership,
});

export const positionFilter = (description: string): HistoryFilter => ({
  name: 'position',
  description: `${description} ${LIST}`,
  value: { kind: 'integer', type: 'UInt8', min: 1, max: 99 },
  condition: equals('position'),
});

export const lapFilter: HistoryFilter = {
  name: 'lap',
  description: `Lap number. ${LIST}`,
  value: { kind: 'integer', type: 'UInt16', min: 1, max: 999 },
  condition: equals('lap'),
};

/** Standings as published (Ergast/Jolpica) or as slipstream calculates them from the results. */
export const sourceFilter: HistoryFilter = {
  name: 'source',
  description:
    '`official`: the standings as published (Ergast/Jolpica); `calculated`: as slipstream computes them from ' +
    'the results, sprints and recorded decisions. Default official.',
  value: { kind: 'choice', choices: { official: 'published', calculated: 'calculated' } },
  condition: equals('origin'),
  default: 'official',
  single: true,
};
