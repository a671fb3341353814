/** How a returned column is typed in JSON, CSV and the OpenAPI document. */
export type ColumnType = 'int' | 'number' | 'string' | 'bool' | 'date' | 'datetime' | 'string[]' | 'object[]';

/** How a filter value is read from the query string and bound (`{p0:UInt16}`). */
export type FilterValueSpec =
  | { kind: 'integer'; type: 'UInt8' | 'UInt16'; min: number; max: number }
  /** A driverRef, constructorRef or circuitRef: Ergast's identifiers (`max_verstappen`, `cooper-climax`). */
  | { kind: 'ref' }
  /** One of the listed words, bound as the value it maps to (`official` → `published`). */
  | { kind: 'choice'; choices: Record<string, string> };

/**
 * A query parameter that narrows the rows. `condition` receives the bound placeholders of its
 * values (one or several) and returns a SQL predicate over the route's source columns, or over
 * the route's `membership` source when `membership` is set.
 */
export interface HistoryFilter {
  name: string;
  description: string;
  value: FilterValueSpec;
  condition: (placeholders: string[]) => string;
  /** Decided inside the route's membership subquery, together with the other membership filters. */
  membership?: boolean;
  /** Applied when the parameter is absent. */
  default?: string;
  /** Takes exactly one value (no lists). */
  single?: boolean;
}

/**
 * A dimension (drivers) is filtered by what its rows took part in (a season, a constructor):
 * `key IN (SELECT key FROM source WHERE <all membership filters>)`, so `season=2023&constructor=
 * alphatauri` means drivers of AlphaTauri in 2023, not drivers of 2023 who ever drove for it.
 */
export interface Membership {
  key: string;
  source: string;
}

/**
 * A source the filters go straight into: `SELECT ${select} FROM ${from} WHERE <filters>`, one
 * statement with no subquery around it, which ClickHouse plans faster (ADR 0015). Filters may name
 * the columns of `from` and the aliases of `select`.
 */
export interface FlatSource {
  select: string;
  from: string;
  /** Grouped after the filters (`WHERE … GROUP BY …`): a select list of aggregates. */
  groupBy?: string;
}

/**
 * A faster source that answers exactly as `source` does whenever every filter the request gives
 * is one of `filters`. A ranked route needs a subquery so that a driver or constructor filter
 * applies after the ranking; filters that keep or drop whole partitions of the ranking (a season,
 * a round) can go into one flat statement that groups and ranks at once.
 */
export interface NarrowSource {
  filters: string[];
  source: FlatSource;
}

/**
 * One route of the history API. `source` is a SELECT over replaced (FINAL) tables or marts whose
 * columns include `columns` (and helper columns starting with `_` for `present`); filters, order
 * and the page are applied around it, or, for a `FlatSource`, inside it.
 */
export interface HistoryRoute {
  /** Path under `/v1/history/`. */
  path: string;
  summary: string;
  description?: string;
  /** In the order they are returned and written as CSV columns. */
  columns: Record<string, ColumnType>;
  filters: HistoryFilter[];
  source: string | FlatSource;
  /** Used instead of `source` when the request's filters are all among its `filters`. */
  narrow?: NarrowSource;
  orderBy: string;
  membership?: Membership;
  /** Shapes a row as ClickHouse returns it (helper columns into nested values). */
  present?: (row: Record<string, unknown>) => Record<string, unknown>;
}
