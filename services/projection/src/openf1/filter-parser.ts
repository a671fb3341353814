import { type AttributeType, type OpenF1Endpoint } from './endpoint';
import { type DateValue, parseDate } from './filter-dates';
import { echo, FilterError } from './filter-error';

export { FilterError } from './filter-error';

export type Operator = '=' | '>' | '>=' | '<' | '<=';

/**
 * A parsed, typed filter value: a number, a boolean (1/0), epoch milliseconds, a whole day (a date
 * without time, from its first millisecond to the next day's), text, or `latest`.
 */
export type FilterValue = DateValue | { kind: 'text'; value: string } | { kind: 'latest' };

export interface Filter {
  attribute: string;
  type: AttributeType;
  operator: Operator;
  value: FilterValue;
}

export interface OpenF1Query {
  filters: Filter[];
  csv: boolean;
}

/**
 * OpenF1 puts the operator in the query string itself (`speed>=315`, `date<2023-09-16T13:00`),
 * which a standard parser reads as the key `speed>` and value `315`. The raw query string is
 * therefore split here: `&`-separated parts, each `attribute` + operator + value, percent-decoded
 * (`+` stays a plus, so `+02:00` offsets survive). Attribute names are case-insensitive, as in
 * OpenF1 (`Session_Key=9873`).
 */
export function parseOpenF1Query(rawQuery: string, endpoint: OpenF1Endpoint): OpenF1Query {
  const query: OpenF1Query = { filters: [], csv: false };
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const decoded = decode(part);
    const match = /^([A-Za-z0-9_]+)(>=|<=|=|>|<)(.*)$/s.exec(decoded);
    if (!match)
      throw new FilterError(decoded, 'expected attribute, an operator (=, >, >=, <, <=) and a value');
    const [, name, operator, text] = match;
    const attribute = name.toLowerCase();
    if (attribute === 'csv') {
      query.csv = parseBoolean('csv', text, operator as Operator) === 1;
      continue;
    }
    const type = endpoint.attributes[attribute];
    if (!type) throw new FilterError(name, `unknown attribute for /${endpoint.name}`);
    if (endpoint.unavailable?.includes(attribute))
      throw new FilterError(attribute, 'not available in slipstream');
    if (endpoint.arrays?.includes(attribute))
      throw new FilterError(attribute, 'holds an array: not filterable');
    query.filters.push({
      attribute,
      type,
      operator: operator as Operator,
      value: parseValue(attribute, type, operator as Operator, text),
    });
  }
  return query;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new FilterError(part, 'malformed percent-encoding');
  }
}

function parseValue(attribute: string, type: AttributeType, operator: Operator, text: string): FilterValue {
  if (text === '') throw new FilterError(attribute, 'a value is required');
  if (text === 'latest' && (attribute === 'session_key' || attribute === 'meeting_key'))
    return { kind: 'latest' };
  switch (type) {
    case 'int':
      if (!/^-?\d{1,15}$/.test(text)) throw new FilterError(attribute, `${echo(text)} is not an integer`);
      return { kind: 'number', value: Number(text) };
    case 'float': {
      const value = Number(text);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) || !Number.isFinite(value))
        throw new FilterError(attribute, `${echo(text)} is not a number`);
      return { kind: 'number', value };
    }
    case 'bool':
      return { kind: 'number', value: parseBoolean(attribute, text, operator) };
    case 'date':
      return parseDate(attribute, text);
    case 'string':
      return { kind: 'text', value: text };
  }
}

function parseBoolean(attribute: string, text: string, operator: Operator): number {
  if (operator !== '=') throw new FilterError(attribute, 'only = applies to true/false');
  const normalized = text.toLowerCase();
  if (normalized === 'true' || normalized === '1') return 1;
  if (normalized === 'false' || normalized === '0') return 0;
  throw new FilterError(attribute, `${echo(text)} is not true or false`);
}
