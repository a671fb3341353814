import { type JetStreamClient, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

import { STREAMS } from '@slipstream/contracts';

import {
  type BatchHandler,
  type ConsumerHandler,
  type MessageHandler,
  PullConsumerRunner,
  type RunnerLogger,
} from '../consumer-runner';
import { DeadLetterPublisher } from '../dead-letters';
import { type MessagingObserver } from '../observer';
import { provisionConsumer } from '../provisioning';
import { JetStreamReadiness } from '../readiness';
import { JETSTREAM_CONSUMER_METADATA, type JetStreamConsumerOptions } from './jetstream-consumer.decorator';
import { type MessagingOptions } from './messaging-options';
import { JETSTREAM_CLIENT, MESSAGING_OBSERVER, MESSAGING_OPTIONS, NATS_CONNECTION } from './tokens';

/** Finds `@JetStreamConsumer` methods on providers and runs a pull-consumer loop for each. */
@Injectable()
export class ConsumerExplorer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JetStreamConsumers');
  private readonly runners: PullConsumerRunner[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGING_OBSERVER) private readonly observer: MessagingObserver,
    private readonly readiness: JetStreamReadiness,
  ) {}

  get consumers(): string[] {
    return this.runners.map((runner) => runner.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    for (const { instance, methodName, options } of this.discover()) {
      const defaults = this.options.consumers;
      if (this.options.provision) {
        await provisionConsumer(jsm, {
          stream: STREAMS[options.stream].name,
          durable: options.durable,
          filterSubject: options.filterSubject,
          maxDeliver: defaults.maxDeliver,
          ackWaitMs: defaults.ackWaitMs,
          maxAckPending:
            options.maxAckPending ?? Math.max(1_000, (options.batchSize ?? defaults.batchSize) * 4),
        });
      }
      const method = (instance as Record<string, (...args: never[]) => unknown>)[methodName].bind(instance);
      const handler: ConsumerHandler =
        options.mode === 'batch'
          ? { kind: 'batch', handle: method as unknown as BatchHandler }
          : { kind: 'message', handle: method as unknown as MessageHandler };
      const runner = new PullConsumerRunner(
        this.js,
        {
          stream: options.stream,
          durable: options.durable,
          stage: options.stage,
          batchSize: options.batchSize ?? defaults.batchSize,
          fetchExpiresMs: defaults.fetchExpiresMs,
          maxDeliver: defaults.maxDeliver,
          inProcessRetries: defaults.inProcessRetries,
          retryBaseMs: defaults.retryBaseMs,
          retryMaxMs: defaults.retryMaxMs,
          delivery: options.delivery,
        },
        handler,
        this.deadLetters,
        this.runnerLogger(),
        this.observer,
        this.readiness,
      );
      runner.start();
      this.runners.push(runner);
      this.logger.log({ msg: 'consumer started', consumer: runner.name, filter: options.filterSubject });
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  private *discover(): Generator<{
    instance: object;
    methodName: string;
    options: JetStreamConsumerOptions;
  }> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[methodName] as (...args: unknown[]) => unknown;
        const options = this.reflector.get<JetStreamConsumerOptions | undefined>(
          JETSTREAM_CONSUMER_METADATA,
          method,
        );
        if (options) yield { instance, methodName, options };
      }
    }
  }

  private runnerLogger(): RunnerLogger {
    return {
      info: (obj, msg) => this.logger.log({ msg, ...obj }),
      warn: (obj, msg) => this.logger.warn({ msg, ...obj }),
      error: (obj, msg) => this.logger.error({ msg, ...obj }),
    };
  }
}
