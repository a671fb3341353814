import { type HistoricalEvent } from '@slipstream/contracts';

import { InvalidSourceRecordError, SourceFields } from '../source-fields';
import { ERGAST_RACE_FACT_ROW_MAPPERS } from './ergast-race-fact-rows';
import { ERGAST_REFERENCE_ROW_MAPPERS } from './ergast-reference-rows';
import { type ErgastMappingContext, type ErgastRowMapper } from './ergast-row-mapper';

export type ErgastTable =
  | 'status'
  | 'seasons'
  | 'circuits'
  | 'races'
  | 'drivers'
  | 'constructors'
  | 'results'
  | 'qualifying'
  | 'sprint_results'
  | 'pit_stops'
  | 'lap_times'
  | 'driver_standings'
  | 'constructor_standings'
  | 'constructor_results';

/** Every table of the Ergast schema, reference tables first. */
export const ERGAST_TABLES: readonly ErgastTable[] = [
  'status',
  'seasons',
  'circuits',
  'races',
  'drivers',
  'constructors',
  'results',
  'qualifying',
  'sprint_results',
  'pit_stops',
  'lap_times',
  'driver_standings',
  'constructor_standings',
  'constructor_results',
];

export type { ErgastMappingContext } from './ergast-row-mapper';

type Row = Record<string, string>;

/**
 * One CSV row (as parsed, all values text, `\N` for null) to the events it states. Throws
 * `InvalidSourceRecordError` or a `ZodError` naming the field when the row is not valid.
 */
export function ergastRowToEvents(table: string, row: Row, context: ErgastMappingContext): HistoricalEvent[] {
  const mapper = MAPPERS[table as ErgastTable];
  if (!mapper)
    throw new InvalidSourceRecordError(`ergast ${table} row`, 'table', `"${table}" is not an Ergast table`);
  return mapper(new SourceFields(`ergast ${table} row`, row), context);
}

const MAPPERS: Record<ErgastTable, ErgastRowMapper> = {
  ...ERGAST_REFERENCE_ROW_MAPPERS,
  ...ERGAST_RACE_FACT_ROW_MAPPERS,
};
