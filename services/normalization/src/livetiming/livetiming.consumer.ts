import { Inject, Injectable, Logger } from '@nestjs/common';
import { type JetStreamClient } from '@nats-io/jetstream';

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
  DEFAULT_PUBLISHER_OPTIONS,
  decodeJson,
  fromNatsHeaders,
  JETSTREAM_CLIENT,
  JetStreamConsumer,
  JetStreamPublisher,
} from '@slipstream/messaging';

import { normalizeBatch } from '../core/normalize-batch';
import { type RawContext } from '../core/normalized-output';
import { LivetimingNormalizer } from './livetiming-normalizer';

@Injectable()
export class LivetimingConsumer {
  private readonly logger = new Logger('LivetimingNormalization');
  private readonly normalizer = new LivetimingNormalizer();
  private readonly publisher: JetStreamPublisher;

  constructor(@Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient) {
    this.publisher = new JetStreamPublisher(js, { ...DEFAULT_PUBLISHER_OPTIONS, maxInFlight: 2_048 });
  }

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.normalizationLivetiming, mode: 'batch' })
  async handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    const sessions = new Set<string>();
    for (const message of messages) {
      const sessionKey = await this.ensureSessionState(message);
      if (sessionKey) sessions.add(sessionKey);
    }
    try {
      return await normalizeBatch(
        messages,
        (record, context) => this.normalizer.normalize(record, context),
        this.publisher,
      );
    } catch (error) {
      // The batch will be retried, but its messages are already in the state: drop it and rebuild from RAW.
      for (const sessionKey of sessions) this.normalizer.forget(sessionKey);
      throw error;
    }
  }

  /**
   * After a restart the first message of a session finds no state: rebuild it from the session's
   * earlier RAW messages (all acked, so their events were published) before going on.
   */
  private async ensureSessionState(message: ConsumedMessage): Promise<string | undefined> {
    let sessionKey: string;
    try {
      sessionKey = this.normalizer.sessionKeyOf(rawRecordSchema.parse(message.json()));
    } catch {
      return undefined; // normalizeBatch reports it
    }
    if (this.normalizer.has(sessionKey)) return sessionKey;
    this.normalizer.start(sessionKey);
    const consumer = await this.js.consumers.get('RAW', {
      filter_subjects: rawSubjects.livetimingSession(sessionKey),
    });
    let replayed = 0;
    let done = message.sequence <= 1;
    while (!done) {
      const batch = await consumer.fetch({ max_messages: 1_000, expires: 2_000 });
      let received = 0;
      for await (const earlier of batch) {
        received++;
        if (earlier.seq >= message.sequence) {
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
        this.normalizer.replayIntoState(record.data as RawRecord, context);
        replayed++;
      }
      if (received === 0) done = true;
    }
    if (replayed > 0)
      this.logger.log({ msg: 'session state rebuilt from RAW', sessionKey, messages: replayed });
    return sessionKey;
  }
}
