import { type Provider } from '@nestjs/common';
import { type JetStreamClient } from '@nats-io/jetstream';

import { DeadLetterPublisher } from '../dead-letters';
import { type MessagingObserver } from '../observer';
import { JetStreamPublisher, JetStreamPublisherFactory } from '../publisher';
import { type MessagingOptions } from './messaging-options';
import { JETSTREAM_CLIENT, MESSAGING_OBSERVER, MESSAGING_OPTIONS } from './tokens';

export const JetStreamPublisherToken = JetStreamPublisher;

export const publisherProviders: Provider[] = [
  {
    provide: JetStreamPublisher,
    inject: [JETSTREAM_CLIENT, MESSAGING_OPTIONS, MESSAGING_OBSERVER],
    useFactory: (js: JetStreamClient, options: MessagingOptions, observer: MessagingObserver) =>
      new JetStreamPublisher(js, options.publisher, (message, ack) =>
        observer.published(message.subject, ack.duplicate),
      ),
  },
  {
    provide: JetStreamPublisherFactory,
    inject: [JETSTREAM_CLIENT, MESSAGING_OPTIONS, MESSAGING_OBSERVER],
    useFactory: (js: JetStreamClient, options: MessagingOptions, observer: MessagingObserver) =>
      new JetStreamPublisherFactory(js, options.publisher, (message, ack) =>
        observer.published(message.subject, ack.duplicate),
      ),
  },
  {
    provide: DeadLetterPublisher,
    inject: [JetStreamPublisher],
    useFactory: (publisher: JetStreamPublisher) => new DeadLetterPublisher(publisher),
  },
];
