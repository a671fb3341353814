import { type AttributeType, type OpenF1Endpoint } from './endpoint';
import { type Filter } from './filter-parser';

export interface BuiltQuery {
  sql: string;
  params: Record<string, unknown>;
}

const PARAM_TYPES: Record<AttributeType, string> = {
  int: 'Int64',
  float: 'Float64',
  bool: 'Bool',
  // Dates are bound as epoch milliseconds: no text format for the server to guess.
  date: 'Int64',
  string: 'String',
};

/** `latest` means the most recent session or meeting slipstream knows, as in OpenF1. */
const LATEST: Record<string, string> = {
  session_key: '(SELECT argMax(session_key, date_start) FROM session_info FINAL)',
  meeting_key: '(SELECT argMax(meeting_key, date_start) FROM session_info FINAL)',
};

/**
 * The endpoint's source wrapped in the filters, every value a bound parameter (`{p0:Float64}`),
 * never spliced. Several `=` on one attribute mean any of them (IN); ranges all apply (AND).
 * Attribute names come from the endpoint's own list, so they are safe as identifiers.
 */
export function buildQuery(endpoint: OpenF1Endpoint, filters: Filter[]): BuiltQuery {
  const params: Record<string, unknown> = {};
  const bind = (filter: Filter): string => {
    if (filter.value.kind === 'latest') return LATEST[filter.attribute];
    const name = `p${Object.keys(params).length}`;
    params[name] = filter.type === 'bool' ? filter.value.value === 1 : filter.value.value;
    const placeholder = `{${name}:${PARAM_TYPES[filter.type]}}`;
    return filter.type === 'date' ? `fromUnixTimestamp64Milli(${placeholder}, 'UTC')` : placeholder;
  };
  const ranges: string[] = [];
  const equalities = new Map<string, string[]>();
  for (const filter of filters) {
    if (filter.operator === '=') {
      const list = equalities.get(filter.attribute) ?? [];
      list.push(bind(filter));
      equalities.set(filter.attribute, list);
    } else {
      ranges.push(`${filter.attribute} ${filter.operator} ${bind(filter)}`);
    }
  }
  const conditions = [...equalities].map(([attribute, values]) =>
    values.length === 1 ? `${attribute} = ${values[0]}` : `${attribute} IN (${values.join(', ')})`,
  );
  conditions.push(...ranges);
  const where = conditions.length > 0 ? `\nWHERE ${conditions.join(' AND ')}` : '';
  return { sql: `SELECT * FROM (${endpoint.source})${where}\nORDER BY ${endpoint.orderBy}`, params };
}
