import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';

import { connectToNats } from '../connection';
import { noopObserver } from '../observer';
import { provisionStreams } from '../provisioning';
import { JetStreamReadiness } from '../readiness';
import { ConsumerExplorer } from './consumer-explorer.service';
import { type MessagingOptions } from './messaging-options';
import { NatsLifecycle } from './nats-lifecycle.service';
import { publisherProviders } from './publisher.provider';
import { JETSTREAM_CLIENT, MESSAGING_OBSERVER, MESSAGING_OPTIONS, NATS_CONNECTION } from './tokens';

export interface MessagingModuleAsyncOptions {
  inject: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...args: never[]) => MessagingOptions;
  /** Provide a token resolving to a `MessagingObserver` (metrics); defaults to none. */
  observerToken?: string | symbol;
}

/** One NATS connection per process, shared by every feature module (and by all five in the all-in-one). */
@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, inject: options.inject, useFactory: options.useFactory },
      {
        provide: NATS_CONNECTION,
        inject: [MESSAGING_OPTIONS],
        useFactory: async (messaging: MessagingOptions): Promise<NatsConnection> => {
          const nc = await connectToNats(messaging.connection);
          if (messaging.provision) await provisionStreams(await jetstreamManager(nc));
          return nc;
        },
      },
      {
        provide: JETSTREAM_CLIENT,
        inject: [NATS_CONNECTION],
        useFactory: (nc: NatsConnection) => jetstream(nc),
      },
      options.observerToken
        ? { provide: MESSAGING_OBSERVER, useExisting: options.observerToken }
        : { provide: MESSAGING_OBSERVER, useValue: noopObserver },
      ...publisherProviders,
      { provide: JetStreamReadiness, useValue: new JetStreamReadiness() },
      NatsLifecycle,
      ConsumerExplorer,
    ];
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers,
      exports: [
        MESSAGING_OPTIONS,
        NATS_CONNECTION,
        JETSTREAM_CLIENT,
        MESSAGING_OBSERVER,
        JetStreamReadiness,
        NatsLifecycle,
        ConsumerExplorer,
        ...publisherProviders.map((p) => (p as { provide: unknown }).provide as never),
      ],
    };
  }
}
