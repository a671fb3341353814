import { type JetStreamClient } from '@nats-io/jetstream';
import { Inject, Injectable } from '@nestjs/common';

import { DURABLE_CONSUMERS, eventSubjects } from '@slipstream/contracts';
import {
  type BatchOutcome,
  type ConsumedMessage,
  JETSTREAM_CLIENT,
  JetStreamConsumer,
  JetStreamPublisherFactory,
} from '@slipstream/messaging';

import { RESULT_EVENTS, StandingsReactor } from './standings-reactor';
import { readStoredEvents } from './stored-events';

/** Championship standings from results: delivers result events to the `StandingsReactor` (ADR 7). */
@Injectable()
export class StandingsConsumer {
  private readonly reactor: StandingsReactor;

  constructor(@Inject(JETSTREAM_CLIENT) js: JetStreamClient, publishers: JetStreamPublisherFactory) {
    const publisher = publishers.create({ maxInFlight: 2_048 });
    this.reactor = new StandingsReactor({
      // One read per kind, not per season: a filtered read of a large stream is slow enough to time out under load.
      readStoredResults: async function* () {
        for (const kind of RESULT_EVENTS) yield* readStoredEvents(js, eventSubjects.ofEvent('race', kind));
      },
      publish: (message) => publisher.publish(message),
      flush: () => publisher.flush(),
    });
  }

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.normalizationStandings, mode: 'batch' })
  handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    return this.reactor.react(messages);
  }
}
