import { Module } from '@nestjs/common';

import { QueryStoreModule } from '../query-store/query-store.module';
import { HistoryApiController } from './history-api.controller';
import { HistoryApiService } from './history-api.service';

/** The historical query API: `/v1/history/...` over the historical read models (ClickHouse from the platform). */
@Module({ imports: [QueryStoreModule], controllers: [HistoryApiController], providers: [HistoryApiService] })
export class HistoryApiModule {}
