import { type NatsConnection } from '@nats-io/transport-node';
import { type Provider } from '@nestjs/common';

import { AckInbox } from '../ack-inbox';
import { DeadLetterPublisher } from '../dead-letters';
import { type MessagingObserver } from '../observer';
import { JetStreamPublisher, JetStreamPublisherFactory } from '../publisher';
import { type MessagingOptions } from './messaging-options';
import { MESSAGING_OBSERVER, MESSAGING_OPTIONS, NATS_CONNECTION } from './tokens';

export const JetStreamPublisherToken = JetStreamPublisher;

export const publisherProviders: Provider[] = [
  {
    provide: JetStreamPublisher,
    inject: [NATS_CONNECTION, MESSAGING_OPTIONS, MESSAGING_OBSERVER],
    useFactory: (nc: NatsConnection, options: MessagingOptions, observer: MessagingObserver) =>
      new JetStreamPublisher(AckInbox.of(nc), options.publisher, (message, ack) =>
        observer.published(message.subject, ack.duplicate),
      ),
  },
  {
    provide: JetStreamPublisherFactory,
    inject: [NATS_CONNECTION, MESSAGING_OPTIONS, MESSAGING_OBSERVER],
    useFactory: (nc: NatsConnection, options: MessagingOptions, observer: MessagingObserver) =>
      new JetStreamPublisherFactory(AckInbox.of(nc), options.publisher, (message, ack) =>
        observer.published(message.subject, ack.duplicate),
      ),
  },
  {
    provide: DeadLetterPublisher,
    inject: [JetStreamPublisher],
    useFactory: (publisher: JetStreamPublisher) => new DeadLetterPublisher(publisher),
  },
];
