import { type JetStreamClient } from '@nats-io/jetstream';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { DURABLE_CONSUMERS } from '@slipstream/contracts';
import {
  type BatchOutcome,
  type ConsumedMessage,
  JETSTREAM_CLIENT,
  JetStreamConsumer,
  JetStreamPublisher,
  JetStreamPublisherFactory,
} from '@slipstream/messaging';
import { MetricsService } from '@slipstream/platform';

import { normalizeBatch, toOutgoing } from '../core/normalize-batch';
import { GapRecovery } from './gap-recovery';
import { LivetimingBooks } from './livetiming-books';
import { LivetimingNormalizer, type PatchOutcome } from './livetiming-normalizer';
import { readRawSessionRecords } from './raw-session-records';

const DURABLE = DURABLE_CONSUMERS.normalizationLivetiming;

/**
 * Live-timing normalization. The session state is a patch merge, so records must be applied in
 * stream order; `GapRecovery` applies what JetStream delivers late before what it delivers early.
 */
@Injectable()
export class LivetimingConsumer {
  private readonly logger = new Logger('LivetimingNormalization');
  private readonly normalizer = new LivetimingNormalizer();
  private readonly publisher: JetStreamPublisher;
  private readonly gapRecovery: GapRecovery;
  private readonly books: LivetimingBooks;

  constructor(
    @Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient,
    publishers: JetStreamPublisherFactory,
    metrics: MetricsService,
  ) {
    this.publisher = publishers.create({ maxInFlight: 2_048 });
    this.books = new LivetimingBooks(metrics);
    this.gapRecovery = new GapRecovery(this.normalizer, {
      readSessionRecords: (sessionKey, from, to) => readRawSessionRecords(this.js, sessionKey, from, to),
      ackFloor: () => this.ackFloor(),
      publish: (output) => this.publisher.publish(toOutgoing(output)),
      flush: async () => void (await this.publisher.flush()),
      log: (entry) => this.logger.log(entry),
    });
  }

  @JetStreamConsumer({ ...DURABLE, mode: 'batch' })
  async handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    const sessions = new Set<string>();
    try {
      for (const message of messages) {
        const sessionKey = await this.gapRecovery.applyEarlierRecords(message);
        if (sessionKey) sessions.add(sessionKey);
      }
      const outcomes: PatchOutcome[] = [];
      const outcome = await normalizeBatch(
        messages,
        (record, context) => {
          const normalized = this.normalizer.normalizeCounted(record, context);
          outcomes.push(normalized.outcome);
          return normalized.outputs;
        },
        this.publisher,
      );
      // Counted once the batch stands: a batch that throws is retried and counted then.
      this.books.count(outcomes, outcome.failed.length);
      return outcome;
    } catch (error) {
      this.gapRecovery.forget(sessions);
      throw error;
    }
  }

  private async ackFloor(): Promise<number> {
    const jsm = await this.js.jetstreamManager();
    const info = await jsm.consumers.info(DURABLE.stream, DURABLE.durable);
    return info.ack_floor.stream_seq;
  }
}
