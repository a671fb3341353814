import { Module } from '@nestjs/common';

import { HistoryApiController } from './history-api.controller';
import { HistoryApiService } from './history-api.service';

/** The historical query API: `/v1/history/...` over the historical read models (ClickHouse from the platform). */
@Module({ controllers: [HistoryApiController], providers: [HistoryApiService] })
export class HistoryApiModule {}
