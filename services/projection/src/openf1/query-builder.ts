import { type AttributeType, type OpenF1Endpoint } from './endpoint';
import { type Filter } from './filter-parser';

export interface BuiltQuery {
  sql: string;
  params: Record<string, unknown>;
}

export interface QueryBounds {
  /** At most this many rows (the caller asks one more than it serves, to know it was cut). */
  limit?: number;
  /** ClickHouse stops the query after this long (`max_execution_time`). */
  timeoutSeconds?: number;
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
 * never spliced. Several `=` on one attribute mean any of them (IN); ranges all apply (AND). A
 * date without time is its whole day, as in OpenF1: `=` the day, `<=` up to its end, `>` after it.
 * Attribute names come from the endpoint's own list, so they are safe as identifiers.
 */
export function buildQuery(
  endpoint: OpenF1Endpoint,
  filters: Filter[],
  bounds: QueryBounds = {},
): BuiltQuery {
  const params: Record<string, unknown> = {};
  const bindValue = (type: AttributeType, value: number | string | boolean): string => {
    const name = `p${Object.keys(params).length}`;
    params[name] = value;
    const placeholder = `{${name}:${PARAM_TYPES[type]}}`;
    return type === 'date' ? `fromUnixTimestamp64Milli(${placeholder}, 'UTC')` : placeholder;
  };
  const bind = (filter: Filter): string => {
    const { value } = filter;
    if (value.kind === 'latest') return LATEST[filter.attribute];
    if (value.kind === 'day') throw new Error('a whole day is bound as a range');
    return bindValue(filter.type, filter.type === 'bool' ? value.value === 1 : value.value);
  };
  const ranges: string[] = [];
  const equalities = new Map<string, string[]>();
  const days = new Map<string, string[]>();
  for (const filter of filters) {
    const { attribute, operator, value } = filter;
    if (value.kind === 'day') {
      const start = () => bindValue('date', value.start);
      const end = () => bindValue('date', value.end);
      if (operator === '=')
        days.set(attribute, [
          ...(days.get(attribute) ?? []),
          `(${attribute} >= ${start()} AND ${attribute} < ${end()})`,
        ]);
      else if (operator === '<=') ranges.push(`${attribute} < ${end()}`);
      else if (operator === '>') ranges.push(`${attribute} >= ${end()}`);
      else ranges.push(`${attribute} ${operator} ${start()}`);
    } else if (operator === '=') {
      equalities.set(attribute, [...(equalities.get(attribute) ?? []), bind(filter)]);
    } else {
      ranges.push(`${attribute} ${operator} ${bind(filter)}`);
    }
  }
  const conditions = [...equalities].map(([attribute, values]) =>
    values.length === 1 ? `${attribute} = ${values[0]}` : `${attribute} IN (${values.join(', ')})`,
  );
  conditions.push(
    ...[...days.values()].map((spans) => (spans.length === 1 ? spans[0] : `(${spans.join(' OR ')})`)),
  );
  conditions.push(...ranges);
  const where = conditions.length > 0 ? `\nWHERE ${conditions.join(' AND ')}` : '';
  const limit = bounds.limit === undefined ? '' : `\nLIMIT ${Math.trunc(bounds.limit)}`;
  const settings =
    bounds.timeoutSeconds === undefined
      ? ''
      : `\nSETTINGS max_execution_time = ${Math.trunc(bounds.timeoutSeconds)}`;
  return {
    sql: `SELECT * FROM (${endpoint.source})${where}\nORDER BY ${endpoint.orderBy}${limit}${settings}`,
    params,
  };
}
