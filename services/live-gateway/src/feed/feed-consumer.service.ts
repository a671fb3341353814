import { type ConsumerMessages, type JetStreamClient, type OrderedConsumerOptions } from '@nats-io/jetstream';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';

import { type FeedStream, SESSION_EVENT_SUBJECTS, STREAMS, telemetrySubjects } from '@slipstream/contracts';
import { attachWhenAvailable, JETSTREAM_CLIENT, JetStreamReadiness } from '@slipstream/messaging';
import { APP_CONFIG } from '@slipstream/platform';

import { type LiveGatewayConfig } from '../config/config.schema';
import { DeltaHub } from '../hub/delta-hub.service';

/** Telemetry history read at start: the latest car positions for snapshots, not a replay of the session. */
const TELEMETRY_WARMUP_MS = 30_000;

/**
 * Reads EVENTS and TELEMETRY into the hub with one ordered (ephemeral, unacknowledged) consumer per
 * stream and per gateway instance. Not a durable consumer: durables share messages between
 * instances, and every instance must see every message to serve its own sockets (ADR 0006).
 * nats-server 2.9 takes one filter per consumer, hence one consumer per stream.
 */
@Injectable()
export class FeedConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveFeed');
  private readonly running: ConsumerMessages[] = [];
  private readonly abort = new AbortController();
  private stopping = false;

  constructor(
    @Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient,
    @Inject(APP_CONFIG) private readonly config: LiveGatewayConfig,
    private readonly hub: DeltaHub,
    private readonly readiness: JetStreamReadiness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = Date.now();
    await this.start('EVENTS', SESSION_EVENT_SUBJECTS, now - this.config.GATEWAY_WARMUP_MS);
    await this.start('TELEMETRY', telemetrySubjects.all, now - TELEMETRY_WARMUP_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    for (const messages of this.running) messages.stop();
  }

  private async start(stream: FeedStream, filter: string, fromMs: number): Promise<void> {
    const options: Partial<OrderedConsumerOptions> = {
      filter_subjects: filter,
      opt_start_time: new Date(Math.max(0, fromMs)).toISOString(),
    };
    const open = async () =>
      (await this.js.consumers.get(STREAMS[stream].name, options)).consume({
        max_messages: this.config.CONSUMER_BATCH_SIZE,
      });
    try {
      this.read(stream, await open(), options);
    } catch (error) {
      // The stream is not provisioned yet (the Job may run after the pods start): keep trying in the
      // background and report not ready meanwhile, instead of failing the start.
      this.logger.warn({
        msg: 'stream not available yet, the gateway is not ready',
        stream,
        err: String(error),
      });
      void attachWhenAvailable(open, {
        name: `${STREAMS[stream].name} live feed`,
        readiness: this.readiness,
        signal: this.abort.signal,
      }).then((messages) => messages && this.read(stream, messages, options));
    }
  }

  private read(
    stream: FeedStream,
    messages: ConsumerMessages,
    options: Partial<OrderedConsumerOptions>,
  ): void {
    this.running.push(messages);
    this.logger.log({
      msg: 'reading the live feed',
      stream,
      filter: options.filter_subjects,
      from: options.opt_start_time,
    });
    void (async () => {
      try {
        for await (const message of messages) {
          this.hub.enqueue({
            stream,
            seq: message.seq,
            subject: message.subject,
            storedAtMs: message.time.getTime(),
            data: message.data,
          });
        }
      } catch (error) {
        if (!this.stopping)
          this.logger.error({ msg: 'live feed consumer stopped', stream, err: String(error) });
      }
    })();
  }
}
