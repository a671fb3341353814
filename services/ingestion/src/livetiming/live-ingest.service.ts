import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type JetStreamClient } from '@nats-io/jetstream';

import { sessionDescriptorOf, toLivetimingRawMessage, type TopicMessage } from '@slipstream/livetiming';
import { JETSTREAM_CLIENT, type JetStreamPublisher, JetStreamPublisherFactory } from '@slipstream/messaging';
import { APP_CONFIG, MetricsService } from '@slipstream/platform';

import { type IngestionConfig } from '../config/config.schema';
import { LiveMessageStamper } from './live-message';
import { SignalRLiveClient } from './signalr-client';

/**
 * Follows the F1 live-timing feed into RAW, writing exactly what a replay of a capture writes.
 * Messages before the session is known (SessionInfo arrives in the subscribe snapshot) are held.
 */
@Injectable()
export class LiveIngestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveIngest');
  private readonly publisher: JetStreamPublisher;
  private client?: SignalRLiveClient;
  private readonly stamper = new LiveMessageStamper();
  private sessionKey?: number;
  private pending: TopicMessage[] = [];
  private readonly received;

  constructor(
    @Inject(JETSTREAM_CLIENT) js: JetStreamClient,
    publishers: JetStreamPublisherFactory,
    @Inject(APP_CONFIG) private readonly config: IngestionConfig,
    metrics: MetricsService,
  ) {
    this.publisher = publishers.create();
    this.received = metrics.counter('slipstream_livetiming_received_total', 'Live-timing messages received', [
      'topic',
    ]);
  }

  onApplicationBootstrap(): void {
    if (!this.config.LIVETIMING_ENABLED) return;
    this.client = new SignalRLiveClient({
      url: this.config.LIVETIMING_URL,
      onMessage: (call, receivedAt) => this.ingest(this.stamper.stamp(call, receivedAt)),
      onError: (error, call) =>
        this.logger.error({ msg: 'live message not stored', topic: call.topic, err: String(error) }),
      // One time base across reconnects: offsets keep counting from the first message ingested.
      onStatus: (status) => this.logger.log({ msg: `live feed ${status.state}`, ...status }),
    });
    this.client.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.stop();
    await this.publisher.flush();
  }

  private async ingest(message: TopicMessage): Promise<void> {
    this.received.inc({ topic: message.topic });
    if (message.topic === 'SessionInfo') this.sessionKey = sessionDescriptorOf(message.payload).sessionKey;
    if (this.sessionKey === undefined) {
      this.pending.push(message);
      return;
    }
    const ready = [...this.pending, message];
    this.pending = [];
    for (const next of ready) {
      const raw = toLivetimingRawMessage(this.sessionKey, next, 'live');
      await this.publisher.publish({ subject: raw.subject, msgId: raw.msgId, payload: raw.record });
    }
  }
}
