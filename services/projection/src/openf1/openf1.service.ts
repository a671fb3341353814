import { Inject, Injectable } from '@nestjs/common';

import { type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';

import { type OpenF1Endpoint } from './endpoint';
import { parseOpenF1Query } from './filter-parser';
import { presentRow, toCsv } from './presentation';
import { buildQuery } from './query-builder';

import { QUERY_CLICKHOUSE } from '../query-store/query-store.module';

export type OpenF1Response =
  | { kind: 'json'; rows: Array<Record<string, unknown>> }
  | { kind: 'csv'; text: string };

/** Answers an OpenF1 request: parse the raw query string, run the bound query, shape the rows. */
@Injectable()
export class OpenF1Service {
  constructor(@Inject(QUERY_CLICKHOUSE) private readonly clickhouse: ClickHouseHandle) {}

  async query(endpoint: OpenF1Endpoint, rawQuery: string): Promise<OpenF1Response> {
    const { filters, csv } = parseOpenF1Query(rawQuery, endpoint);
    const { sql, params } = buildQuery(endpoint, filters);
    const rows = (await queryRows<Record<string, unknown>>(this.clickhouse.client, sql, params)).map((row) =>
      presentRow(endpoint, row),
    );
    return csv ? { kind: 'csv', text: toCsv(endpoint, rows) } : { kind: 'json', rows };
  }
}
