import { Module } from '@nestjs/common';

import { EventsProjectionModule } from './events/events.module';

/** Read models and their query API; hosted alone or inside the all-in-one. */
@Module({ imports: [EventsProjectionModule] })
export class ProjectionModule {}
