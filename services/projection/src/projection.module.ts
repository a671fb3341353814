import { Module } from '@nestjs/common';

import { EventsProjectionModule } from './events/events.module';
import { HistoricalReadModelsModule } from './historical/historical.module';
import { HistoryApiModule } from './history-api/history-api.module';
import { PipelineNotesModule } from './pipeline-notes/pipeline-notes.module';
import { SessionReadModelsModule } from './sessions/sessions.module';

/**
 * Read models and their query API; hosted alone or inside the all-in-one. Each feature module
 * registers its own read models (the OpenAPI document lists routes in this order).
 */
@Module({
  imports: [
    EventsProjectionModule,
    HistoricalReadModelsModule,
    PipelineNotesModule,
    SessionReadModelsModule,
    HistoryApiModule,
  ],
})
export class ProjectionModule {}
