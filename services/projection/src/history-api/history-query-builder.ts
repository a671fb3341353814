import { type HistoryQuery } from './history-query-parser';
import { type FilterValueSpec, type HistoryRoute } from './history-route';

export interface BuiltHistoryQuery {
  /**
   * The page: filtered, ordered, `LIMIT {limit:UInt32} OFFSET {offset:UInt64}`, each row carrying
   * `_total`, the number of matching rows over all pages (one query instead of two).
   */
  sql: string;
  /** How many rows match the same filters: `total` when the page is empty (an offset past the end). */
  countSql: string;
  params: Record<string, unknown>;
}

const bindType = (spec: FilterValueSpec): string => (spec.kind === 'integer' ? spec.type : 'String');

/**
 * The route's source wrapped in its filters, every value a bound ClickHouse parameter
 * (`{p0:UInt16}`), never spliced into the text. Column names and conditions come from the route
 * definitions, never from the request. Membership filters are decided together in one subquery.
 */
export function buildHistoryQuery(route: HistoryRoute, query: HistoryQuery): BuiltHistoryQuery {
  const params: Record<string, unknown> = {};
  const conditions: string[] = [];
  const membershipConditions: string[] = [];
  for (const { filter, values } of query.filters) {
    const placeholders = values.map((value) => {
      const name = `p${Object.keys(params).length}`;
      params[name] = value;
      return `{${name}:${bindType(filter.value)}}`;
    });
    (filter.membership ? membershipConditions : conditions).push(filter.condition(placeholders));
  }
  if (membershipConditions.length > 0) {
    if (!route.membership) throw new Error(`/${route.path} has membership filters but no membership source`);
    const { key, source } = route.membership;
    conditions.push(`${key} IN (SELECT ${key} FROM (${source}) WHERE ${membershipConditions.join(' AND ')})`);
  }
  const where = conditions.length > 0 ? `\nWHERE ${conditions.join(' AND ')}` : '';
  const page = `\nORDER BY ${route.orderBy}\nLIMIT {limit:UInt32} OFFSET {offset:UInt64}`;
  const narrow = route.narrow;
  const source =
    narrow && query.filters.every(({ filter }) => narrow.filters.includes(filter.name))
      ? narrow.source
      : route.source;
  if (typeof source === 'string') {
    const filtered = `FROM (${source}) AS history${where}`;
    return {
      sql: `SELECT *, count() OVER () AS _total ${filtered}${page}`,
      countSql: `SELECT count() AS total ${filtered}`,
      params: { ...params, limit: query.limit, offset: query.offset },
    };
  }
  // Flat: the filters may name aliases of the select list, so the count keeps the list.
  const flat = `SELECT ${source.select}`;
  const grouped = source.groupBy ? `\nGROUP BY ${source.groupBy}` : '';
  const filtered = `FROM ${source.from}${where}${grouped}`;
  return {
    sql: `${flat}, count() OVER () AS _total\n${filtered}${page}`,
    countSql: `SELECT count() AS total FROM (${flat}\n${filtered})`,
    params: { ...params, limit: query.limit, offset: query.offset },
  };
}
