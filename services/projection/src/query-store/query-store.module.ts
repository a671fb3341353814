import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';

import { CLICKHOUSE, type ClickHouseHandle, createClickHouse } from '@slipstream/clickhouse';
import { APP_CONFIG } from '@slipstream/platform';

import { type ProjectionConfig } from '../config/config.schema';

/** The ClickHouse connection the query APIs read through. */
export const QUERY_CLICKHOUSE = Symbol('QUERY_CLICKHOUSE');

/**
 * With a ClickHouse server and `CLICKHOUSE_QUERY_USER` set, the query APIs read as that user (the
 * chart's `slipstream_query`, granted SELECT only) on a read-only connection, so no request can
 * write whatever a query builder let through. Otherwise (embedded chDB: one session per process)
 * they share the projection's connection.
 */
export async function createQueryClickHouse(
  config: Pick<
    ProjectionConfig,
    | 'CLICKHOUSE_URL'
    | 'CLICKHOUSE_DATABASE'
    | 'CHDB_PATH'
    | 'CLICKHOUSE_QUERY_USER'
    | 'CLICKHOUSE_QUERY_PASSWORD'
  >,
  shared: ClickHouseHandle,
): Promise<ClickHouseHandle> {
  if (!config.CLICKHOUSE_URL || !config.CLICKHOUSE_QUERY_USER) return { ...shared, close: async () => {} };
  return createClickHouse({
    url: config.CLICKHOUSE_URL,
    username: config.CLICKHOUSE_QUERY_USER,
    password: config.CLICKHOUSE_QUERY_PASSWORD,
    database: config.CLICKHOUSE_DATABASE,
    chdbPath: config.CHDB_PATH,
    readOnly: true,
  });
}

@Injectable()
class QueryClickHouseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(QUERY_CLICKHOUSE) private readonly clickhouse: ClickHouseHandle) {}

  async onApplicationShutdown(): Promise<void> {
    await this.clickhouse.close();
  }
}

@Module({
  providers: [
    {
      provide: QUERY_CLICKHOUSE,
      inject: [APP_CONFIG, CLICKHOUSE],
      useFactory: createQueryClickHouse,
    },
    QueryClickHouseLifecycle,
  ],
  exports: [QUERY_CLICKHOUSE],
})
export class QueryStoreModule {}
