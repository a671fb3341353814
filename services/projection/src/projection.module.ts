import { Module } from '@nestjs/common';

import { EventsProjectionModule } from './events/events.module';
import { HistoryApiModule } from './history-api/history-api.module';
import { SessionReadModelsModule } from './sessions/sessions.module';

/** Read models and their query API; hosted alone or inside the all-in-one. */
@Module({ imports: [EventsProjectionModule, SessionReadModelsModule, HistoryApiModule] })
export class ProjectionModule {}
