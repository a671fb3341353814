import { type DeadLetter, type DlqStage, dlqSubjects, HEADERS } from '@slipstream/contracts';

import { type ConsumedMessage } from './consumed-message';
import { describeError, reasonOf } from './errors';
import { type JetStreamPublisher } from './publisher';

/** Sends what a stage could not handle to `dlq.<stage>.<reason>`, keeping the original bytes and headers. */
export class DeadLetterPublisher {
  constructor(
    private readonly publisher: JetStreamPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(stage: DlqStage, message: ConsumedMessage, error: unknown): Promise<DeadLetter> {
    const reason = reasonOf(error);
    const record: DeadLetter = {
      stage,
      reason,
      error: describeError(error),
      failedAt: this.now().toISOString(),
      deliveries: message.deliveryCount,
      original: {
        stream: message.stream,
        subject: message.subject,
        sequence: message.sequence,
        headers: message.headers,
        payloadBase64: Buffer.from(message.data).toString('base64'),
      },
    };
    await this.publisher.publishAndWait({
      subject: dlqSubjects.of(stage, reason),
      // One dead letter per original message and stage, however often it is retried.
      msgId: `dlq:${stage}:${message.stream}:${message.sequence}`,
      payload: record,
      headers: {
        [HEADERS.dlqReason]: reason,
        [HEADERS.dlqStream]: message.stream,
        [HEADERS.dlqSubject]: message.subject,
        [HEADERS.dlqSequence]: String(message.sequence),
        [HEADERS.correlationId]: message.header(HEADERS.correlationId),
      },
    });
    return record;
  }
}
