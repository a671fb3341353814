/** How an attribute's filter value is read and bound: `{p0:Int64}`, `{p0:Float64}`, … */
export type AttributeType = 'int' | 'float' | 'string' | 'bool' | 'date';

/**
 * One OpenF1 endpoint over a read model. `source` is a SELECT whose columns are the endpoint's
 * attributes (plus helper columns starting with `_`, which `present` may use and which are never
 * returned); filters and ordering are applied around it.
 */
export interface OpenF1Endpoint {
  name: string;
  summary: string;
  /** In the order they are listed and written as CSV columns. */
  attributes: Record<string, AttributeType>;
  /** Filters a request must give with `=` (heavy routes: one car, one session); else a 400. */
  requiredFilters?: readonly string[];
  /** Attributes whose values are arrays of the attribute's type (OpenF1's segments): returned, not filterable. */
  arrays?: readonly string[];
  /** Attributes that are one value in races and one per qualifying part in qualifying (OpenF1's session_result). */
  perPartArrays?: readonly string[];
  /** Attributes OpenF1 has but slipstream cannot fill: returned as null, not filterable. */
  unavailable?: readonly string[];
  source: string;
  orderBy: string;
  /** Turns a row as ClickHouse returns it into OpenF1's shape (mixed-type values, arrays). */
  present?: (row: Record<string, unknown>) => Record<string, unknown>;
}

/** `session_key` → `meeting_key`, for read models fed by events that only know their session. */
export function withMeetingKey(select: string): string {
  return `SELECT t.*, m.meeting_key AS meeting_key FROM (${select}) AS t
    LEFT JOIN (SELECT session_key, meeting_key FROM session_info FINAL) AS m ON t.session_key = m.session_key`;
}

/** A duration in milliseconds as OpenF1's seconds. */
export const seconds = (column: string) => `${column} / 1000`;
