import { Inject, Injectable, Optional } from '@nestjs/common';

import { type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';

import { csvTable } from '../core/csv-table';
import { QUERY_CLICKHOUSE } from '../query-store/query-store.module';
import { type OpenF1Endpoint } from './endpoint';
import { FilterError } from './filter-error';
import { parseOpenF1Query } from './filter-parser';
import { presentRow } from './presentation';
import { buildQuery } from './query-builder';
import { QueryGate } from './query-gate';
import {
  DEFAULT_OPENF1_LIMITS,
  missingRequiredFilters,
  type OpenF1Limits,
  ResponseTooLargeError,
} from './response-limits';

export const OPENF1_LIMITS = Symbol('OPENF1_LIMITS');

export type OpenF1Response =
  | { kind: 'json'; rows: Array<Record<string, unknown>> }
  | { kind: 'csv'; text: string };

/**
 * Answers an OpenF1 request: parse the raw query string, run the bound query, shape the rows.
 * Every query is bounded: rows (one more than a response may hold is read, to know it was cut),
 * time (ClickHouse's max_execution_time), and how many run at once.
 */
@Injectable()
export class OpenF1Service {
  /** Telemetry and time series (routes with required filters) take turns apart from the small routes. */
  private readonly heavyGate: QueryGate;
  private readonly lightGate: QueryGate;

  constructor(
    @Inject(QUERY_CLICKHOUSE) private readonly clickhouse: ClickHouseHandle,
    @Optional() @Inject(OPENF1_LIMITS) private readonly limits: OpenF1Limits = DEFAULT_OPENF1_LIMITS,
  ) {
    this.heavyGate = new QueryGate(limits.maxConcurrentQueries, limits.maxQueuedQueries);
    this.lightGate = new QueryGate(limits.maxConcurrentQueries, limits.maxQueuedQueries);
  }

  async query(endpoint: OpenF1Endpoint, rawQuery: string): Promise<OpenF1Response> {
    const { filters, csv } = parseOpenF1Query(rawQuery, endpoint);
    const missing = missingRequiredFilters(endpoint, filters);
    if (missing.length > 0)
      throw new FilterError(
        missing[0],
        `required for /${endpoint.name} (${missing.join(' and ')}=…): a whole ${endpoint.name} table is too large for one response`,
      );
    const { sql, params } = buildQuery(endpoint, filters, {
      limit: this.limits.maxRows + 1,
      timeoutSeconds: this.limits.queryTimeoutSeconds,
    });
    const gate = endpoint.requiredFilters ? this.heavyGate : this.lightGate;
    const found = await gate.run(() =>
      queryRows<Record<string, unknown>>(this.clickhouse.client, sql, params),
    );
    if (found.length > this.limits.maxRows)
      throw new ResponseTooLargeError(endpoint.name, this.limits.maxRows);
    const rows = found.map((row) => presentRow(endpoint, row));
    return csv
      ? { kind: 'csv', text: csvTable(Object.keys(endpoint.attributes), rows) }
      : { kind: 'json', rows };
  }
}
