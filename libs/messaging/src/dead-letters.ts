import { type DeadLetter, type DlqStage, dlqSubjects, HEADERS } from '@slipstream/contracts';

import { type ConsumedMessage } from './consumed-message';
import { describeError, reasonOf } from './errors';
import { type JetStreamPublisher, type OutgoingMessage } from './publisher';

/** What failed, where, and the original it stands for: everything a dead letter is built from. */
export interface DeadLetterInput {
  stage: DlqStage;
  reason: string;
  error: string;
  /** Failed deliveries before it was given up on; 0 for what never reached a stream (a file line). */
  deliveries: number;
  original: {
    /** The stream it was read from, or `file` for a line of a file. */
    stream: string;
    subject: string;
    /** The stream sequence, or the line number of a file line. */
    sequence: number;
    headers: Record<string, string[]>;
    bytes: Uint8Array;
  };
  /** Deduplication key: one dead letter per original, however often it fails. */
  msgId: string;
  failedAt?: Date;
}

/**
 * The one way a dead letter is built: the record on `dlq.<stage>.<reason>`, keeping the original
 * bytes and headers, with the DLQ headers that name it.
 */
export function deadLetterMessage(input: DeadLetterInput): { message: OutgoingMessage; record: DeadLetter } {
  const { original } = input;
  const record: DeadLetter = {
    stage: input.stage,
    reason: input.reason,
    error: input.error,
    failedAt: (input.failedAt ?? new Date()).toISOString(),
    deliveries: input.deliveries,
    original: {
      stream: original.stream,
      subject: original.subject,
      sequence: original.sequence,
      headers: original.headers,
      payloadBase64: Buffer.from(original.bytes).toString('base64'),
    },
  };
  const message: OutgoingMessage = {
    subject: dlqSubjects.of(input.stage, input.reason),
    msgId: input.msgId,
    payload: record,
    headers: {
      [HEADERS.dlqReason]: input.reason,
      [HEADERS.dlqStream]: original.stream,
      [HEADERS.dlqSubject]: original.subject,
      [HEADERS.dlqSequence]: String(original.sequence),
      [HEADERS.correlationId]: original.headers[HEADERS.correlationId]?.[0],
    },
  };
  return { message, record };
}

/** Sends what a consuming stage could not handle to the DLQ (see `deadLetterMessage`). */
export class DeadLetterPublisher {
  constructor(
    private readonly publisher: JetStreamPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(stage: DlqStage, message: ConsumedMessage, error: unknown): Promise<DeadLetter> {
    const reason = reasonOf(error);
    const letter = deadLetterMessage({
      stage,
      reason,
      error: describeError(error),
      failedAt: this.now(),
      deliveries: message.deliveryCount,
      original: {
        stream: message.stream,
        subject: message.subject,
        sequence: message.sequence,
        headers: message.headers,
        bytes: message.data,
      },
      // One dead letter per original message and stage, however often it is retried.
      msgId: `dlq:${stage}:${message.stream}:${message.sequence}`,
    });
    await this.publisher.publishAndWait(letter.message);
    return letter.record;
  }
}
