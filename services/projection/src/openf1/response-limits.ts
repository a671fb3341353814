import { type OpenF1Endpoint } from './endpoint';
import { type Filter } from './filter-parser';

/** How much one OpenF1 request may ask of the server (OPENF1_* variables). */
export interface OpenF1Limits {
  /** Rows one response may hold; a query that would return more is refused with 413. */
  maxRows: number;
  /** Queries run at once; more wait their turn. */
  maxConcurrentQueries: number;
  /** Queries that may wait; beyond that a request is refused with 503 and Retry-After. */
  maxQueuedQueries: number;
  /** ClickHouse stops a query after this long. */
  queryTimeoutSeconds: number;
}

export const DEFAULT_OPENF1_LIMITS: OpenF1Limits = {
  maxRows: 100_000,
  maxConcurrentQueries: 2,
  maxQueuedQueries: 64,
  queryTimeoutSeconds: 30,
};

/** The request asks for more rows than one response may hold. */
export class ResponseTooLargeError extends Error {
  constructor(
    readonly endpoint: string,
    readonly maxRows: number,
  ) {
    super(
      `more than ${maxRows} rows match this /${endpoint} request (the most one response holds); ` +
        'narrow it with session_key, driver_number or a date range',
    );
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * Routes whose read models grow by thousands of rows per car and session insist on the filters
 * that keep an answer to one car or one session (OpenF1's own practice): a missing one is a 400
 * before any query runs. Equality only: `session_key>0` keeps nothing small.
 */
export function missingRequiredFilters(endpoint: OpenF1Endpoint, filters: Filter[]): string[] {
  const given = new Set(
    filters.filter((filter) => filter.operator === '=').map((filter) => filter.attribute),
  );
  return (endpoint.requiredFilters ?? []).filter((attribute) => !given.has(attribute));
}
