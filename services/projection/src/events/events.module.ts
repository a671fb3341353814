import { Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';

import { EventsConsumer } from './events.consumer';
import { PROJECTORS } from './projectors.token';
import { registeredProjectors } from './read-model.registration';

/** The events projection: projects domain events with the projectors feature modules register. */
@Module({
  imports: [DiscoveryModule],
  providers: [
    EventsConsumer,
    { provide: PROJECTORS, inject: [DiscoveryService], useFactory: registeredProjectors },
  ],
})
export class EventsProjectionModule {}
