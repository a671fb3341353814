import { Module } from '@nestjs/common';

import { allProjectors } from '../projectors';
import { EventsConsumer } from './events.consumer';
import { PROJECTORS } from './projectors.token';

@Module({ providers: [EventsConsumer, { provide: PROJECTORS, useValue: allProjectors }] })
export class EventsProjectionModule {}
