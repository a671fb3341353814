import { FilterError } from '../openf1/filter-parser';
import { type FilterValueSpec, type HistoryFilter, type HistoryRoute } from './history-route';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Beyond this a client should narrow its filters; it also keeps OFFSET within what is cheap to skip. */
export const MAX_OFFSET = 10_000_000;
const MAX_VALUES = 100;

export type HistoryFormat = 'json' | 'csv';

export interface AppliedFilter {
  filter: HistoryFilter;
  /** Validated values, as they are bound. */
  values: Array<string | number>;
}

export interface HistoryQuery {
  filters: AppliedFilter[];
  limit: number;
  offset: number;
  /** From `format=`; unset when the query string does not say (the Accept header may). */
  format?: HistoryFormat;
}

/** Every problem of a request, each naming its parameter; becomes one HTTP 400. */
export class InvalidParameters extends Error {
  constructor(readonly problems: FilterError[]) {
    super(problems.map((problem) => problem.message).join('; '));
    this.name = 'InvalidParameters';
  }
}

const PAGING = ['limit', 'offset', 'format'];

/** Ergast's identifiers: letters, digits, `_` and `-` (`cooper-climax`, `scott_Brown`). */
const REF = /^[A-Za-z0-9_-]{1,64}$/;
const INTEGER = /^\d{1,9}$/;

/**
 * Reads a raw query string (`season=2023&driver=max_verstappen,perez&limit=50`) against a route:
 * every name must be one of the route's filters or `limit`, `offset`, `format`, and every value
 * must have its filter's shape. Nothing the client sent reaches SQL except as a validated value.
 */
export function parseHistoryQuery(rawQuery: string, route: HistoryRoute): HistoryQuery {
  const problems: FilterError[] = [];
  const given = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQuery))
    given.set(name, [...(given.get(name) ?? []), value]);

  const query: HistoryQuery = { filters: [], limit: DEFAULT_LIMIT, offset: 0 };
  const filtersByName = new Map(route.filters.map((filter) => [filter.name, filter]));
  for (const [name, texts] of given) {
    const filter = filtersByName.get(name);
    if (!filter && !PAGING.includes(name)) {
      const known = [...filtersByName.keys(), ...PAGING].join(', ');
      problems.push(
        new FilterError(name, `unknown parameter for /v1/history/${route.path}; expected one of ${known}`),
      );
      continue;
    }
    if (texts.length > 1 && (!filter || filter.single)) {
      problems.push(new FilterError(name, 'given more than once'));
      continue;
    }
    try {
      if (name === 'limit') query.limit = integer(name, texts[0], 1, MAX_LIMIT);
      else if (name === 'offset') query.offset = integer(name, texts[0], 0, MAX_OFFSET);
      else if (name === 'format') query.format = format(texts[0]);
      else if (filter) query.filters.push({ filter, values: filterValues(filter, texts) });
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) throw new InvalidParameters(problems);

  for (const filter of route.filters)
    if (filter.default !== undefined && !given.has(filter.name))
      query.filters.push({ filter, values: filterValues(filter, [filter.default]) });
  return query;
}

function filterValues(filter: HistoryFilter, texts: string[]): Array<string | number> {
  const items = texts.flatMap((text) => text.split(','));
  if (filter.single && items.length > 1) throw new FilterError(filter.name, 'takes a single value');
  if (items.length > MAX_VALUES) throw new FilterError(filter.name, `at most ${MAX_VALUES} values`);
  return items.map((item) => filterValue(filter.name, filter.value, item.trim()));
}

function filterValue(name: string, spec: FilterValueSpec, text: string): string | number {
  if (text === '') throw new FilterError(name, 'a value is required');
  switch (spec.kind) {
    case 'integer':
      return integer(name, text, spec.min, spec.max);
    case 'ref':
      if (!REF.test(text))
        throw new FilterError(
          name,
          `${quote(text)} is not an identifier (letters, digits, _ and -, e.g. max_verstappen)`,
        );
      return text;
    case 'choice': {
      const bound = Object.hasOwn(spec.choices, text) ? spec.choices[text] : undefined;
      if (bound === undefined)
        throw new FilterError(name, `${quote(text)} is not one of ${Object.keys(spec.choices).join(', ')}`);
      return bound;
    }
  }
}

function integer(name: string, text: string, min: number, max: number): number {
  if (!INTEGER.test(text)) throw new FilterError(name, `${quote(text)} is not a whole number`);
  const value = Number(text);
  if (value < min || value > max) throw new FilterError(name, `${value} is out of range ${min}–${max}`);
  return value;
}

function format(text: string): HistoryFormat {
  if (text === 'json' || text === 'csv') return text;
  throw new FilterError('format', `${quote(text)} is not json or csv`);
}

/** Echoes a bad value in the message, shortened: it is the client's own text, not ours to print in full. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
