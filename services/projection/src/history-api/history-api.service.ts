import { Inject, Injectable } from '@nestjs/common';

import { type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';

import { csvTable } from '../core/csv-table';
import { QUERY_CLICKHOUSE } from '../query-store/query-store.module';
import { nextPage, presentRow } from './history-presentation';
import { buildHistoryQuery } from './history-query-builder';
import { type HistoryFormat, parseHistoryQuery } from './history-query-parser';
import { type HistoryRoute } from './history-route';

export interface HistoryPage {
  total: number;
  limit: number;
  offset: number;
  /** The next page's path and query, or null on the last page. */
  next: string | null;
  data: Array<Record<string, unknown>>;
}

export type HistoryResponse =
  | { format: 'json'; page: HistoryPage }
  | { format: 'csv'; page: HistoryPage; csv: string };

/** Answers a history request: parse and validate, count, fetch the page, shape it as JSON or CSV. */
@Injectable()
export class HistoryApiService {
  constructor(@Inject(QUERY_CLICKHOUSE) private readonly clickhouse: ClickHouseHandle) {}

  /** `preferred` is the format the Accept header asks for; `format=` in the query string wins. */
  async query(
    route: HistoryRoute,
    rawQuery: string,
    preferred: HistoryFormat = 'json',
  ): Promise<HistoryResponse> {
    const query = parseHistoryQuery(rawQuery, route);
    const { sql, countSql, params } = buildHistoryQuery(route, query);
    const rows = await queryRows<Record<string, unknown>>(this.clickhouse.client, sql, params);
    // The page's rows carry the total. An empty first page means nothing matches: no need to ask
    // again (the count is a second statement as long as the first, planned from scratch). Only an
    // empty page past the first needs the count, to tell how many rows there are before it.
    const total =
      rows.length > 0
        ? rows[0]._total
        : query.offset === 0
          ? 0
          : (await queryRows<{ total: number | string }>(this.clickhouse.client, countSql, params))[0].total;
    const page: HistoryPage = {
      total: Number(total),
      limit: query.limit,
      offset: query.offset,
      next: null,
      data: rows.map((row) => presentRow(route, row)),
    };
    page.next = nextPage(`/v1/history/${route.path}`, rawQuery, page);
    return (query.format ?? preferred) === 'csv'
      ? { format: 'csv', page, csv: csvTable(Object.keys(route.columns), page.data) }
      : { format: 'json', page };
  }
}
