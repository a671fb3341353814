import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';

import {
  DURABLE_CONSUMERS,
  HEADERS,
  type RawRecord,
  rawRecordSchema,
  rawSubjects,
} from '@slipstream/contracts';
import {
  type BatchOutcome,
  type ConsumedMessage,
  decodeJson,
  fromNatsHeaders,
  JETSTREAM_CLIENT,
  JetStreamConsumer,
  JetStreamPublisher,
  JetStreamPublisherFactory,
} from '@slipstream/messaging';

import { MetricsService } from '@slipstream/platform';
import { normalizeBatch, toOutgoing } from '../core/normalize-batch';
import { type RawContext } from '../core/normalized-output';
import { LivetimingBooks } from './livetiming-books';
import { LivetimingNormalizer, type PatchOutcome } from './livetiming-normalizer';

const DURABLE = DURABLE_CONSUMERS.normalizationLivetiming;

/**
 * Live-timing normalization. The session state is a patch merge, so records must be applied in
 * stream order, but JetStream does not always deliver in order: a pull that expires while
 * messages are on their way leaves them un-acked until `ack_wait`, and later ones are delivered
 * first; a restarted instance gets new records before its predecessor's un-acked ones. So before
 * a record is applied, any earlier record of its session that this instance has not applied is
 * read from RAW and applied (and its outputs published) first; its late redelivery is then
 * skipped by the normalizer. Deterministic event ids make any repeat harmless.
 */
@Injectable()
export class LivetimingConsumer {
  private readonly logger = new Logger('LivetimingNormalization');
  private readonly normalizer = new LivetimingNormalizer();
  private readonly publisher: JetStreamPublisher;
  /** The last RAW sequence this instance looked at: the next one needs no gap check. */
  private lastSequence = 0;
  private readonly books: LivetimingBooks;

  constructor(
    @Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient,
    publishers: JetStreamPublisherFactory,
    metrics: MetricsService,
  ) {
    this.publisher = publishers.create({ maxInFlight: 2_048 });
    this.books = new LivetimingBooks(metrics);
  }

  @JetStreamConsumer({ ...DURABLE, mode: 'batch' })
  async handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    const sessions = new Set<string>();
    try {
      for (const message of messages) {
        const sessionKey = await this.applyEarlierRecords(message);
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
      // The batch will be retried, but its messages are already in the state: drop it and rebuild from RAW.
      for (const sessionKey of sessions) this.normalizer.forget(sessionKey);
      this.lastSequence = 0;
      throw error;
    }
  }

  /**
   * A session without state (first record, or after a restart) is rebuilt from RAW: records up to
   * the durable's ack floor only restore the state (their outputs were published when they were
   * acked); later ones were delivered and not acked, so they are applied and published here.
   * A session with state but a gap before this record catches up on the gap the same way.
   */
  private async applyEarlierRecords(message: ConsumedMessage): Promise<string | undefined> {
    let sessionKey: string;
    try {
      sessionKey = this.normalizer.sessionKeyOf(rawRecordSchema.parse(message.json()));
    } catch {
      return undefined; // normalizeBatch reports it
    }
    const contiguous = message.sequence === this.lastSequence + 1;
    this.lastSequence = message.sequence;
    if (!this.normalizer.has(sessionKey)) {
      this.normalizer.start(sessionKey);
      const ackFloor = await this.ackFloor();
      const { restored, caughtUp } = await this.applyRange(sessionKey, 1, message.sequence, ackFloor);
      if (restored + caughtUp > 0)
        this.logger.log({ msg: 'session state rebuilt from RAW', sessionKey, restored, caughtUp });
      return sessionKey;
    }
    const appliedUpTo = this.normalizer.appliedSequence(sessionKey);
    if (!contiguous && message.sequence > appliedUpTo + 1) {
      const { caughtUp } = await this.applyRange(sessionKey, appliedUpTo + 1, message.sequence, 0);
      if (caughtUp > 0)
        this.logger.log({ msg: 'applied records delivered out of order', sessionKey, caughtUp });
    }
    return sessionKey;
  }

  /** Applies the session's RAW records in [from, to): up to `restoreUpTo` into the state only. */
  private async applyRange(
    sessionKey: string,
    from: number,
    to: number,
    restoreUpTo: number,
  ): Promise<{ restored: number; caughtUp: number }> {
    let restored = 0;
    let caughtUp = 0;
    if (from >= to) return { restored, caughtUp };
    const consumer = await this.js.consumers.get('RAW', {
      filter_subjects: rawSubjects.livetimingSession(sessionKey),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: from,
    });
    let done = false;
    while (!done) {
      const batch = await consumer.fetch({ max_messages: 1_000, expires: 2_000 });
      let received = 0;
      for await (const earlier of batch) {
        received++;
        if (earlier.seq >= to) {
          done = true;
          break;
        }
        const record = rawRecordSchema.safeParse(decodeJson(earlier.data));
        if (!record.success) continue;
        const headers = fromNatsHeaders(earlier.headers);
        const msgId = headers[HEADERS.msgId]?.[0] ?? `RAW:${earlier.seq}`;
        const context: RawContext = {
          subject: earlier.subject,
          sequence: earlier.seq,
          msgId,
          correlationId: headers[HEADERS.correlationId]?.[0] ?? msgId,
        };
        if (earlier.seq <= restoreUpTo) {
          this.normalizer.replayIntoState(record.data as RawRecord, context);
          restored++;
        } else {
          for (const output of this.normalizer.catchUp(record.data as RawRecord, context))
            await this.publisher.publish(toOutgoing(output));
          caughtUp++;
        }
      }
      if (received === 0) done = true;
    }
    await this.publisher.flush();
    return { restored, caughtUp };
  }

  private async ackFloor(): Promise<number> {
    const jsm = await this.js.jetstreamManager();
    const info = await jsm.consumers.info(DURABLE.stream, DURABLE.durable);
    return info.ack_floor.stream_seq;
  }
}
