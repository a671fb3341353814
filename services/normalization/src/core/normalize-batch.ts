import { contentHash, HEADERS, type RawRecord, rawRecordSchema } from '@slipstream/contracts';
import {
  type BatchOutcome,
  type ConsumedMessage,
  type JetStreamPublisher,
  PermanentError,
} from '@slipstream/messaging';

import { type NormalizedOutput, type RawContext, rawContextOf } from './normalized-output';

export type Normalizer = (record: RawRecord, context: RawContext) => NormalizedOutput[];

/**
 * Normalizes a fetched batch in order and publishes what it produced; returns only once every
 * publish is acked, so the raw messages are acked after their events are safely stored. A record
 * that cannot be normalized is reported as failed (it is dead-lettered); a publish failure throws
 * and the whole batch is retried, which the events' deterministic ids make harmless.
 */
export async function normalizeBatch(
  messages: ConsumedMessage[],
  normalize: Normalizer,
  publisher: JetStreamPublisher,
): Promise<BatchOutcome> {
  const failed: BatchOutcome['failed'] = [];
  for (const message of messages) {
    let outputs: NormalizedOutput[];
    try {
      const record = rawRecordSchema.parse(message.json());
      outputs = normalize(record, rawContextOf(message));
    } catch (error) {
      failed.push({ message, error: asPermanent(error) });
      continue;
    }
    for (const output of outputs) await publisher.publish(toOutgoing(output));
  }
  await publisher.flush();
  return { failed };
}

export function toOutgoing(output: NormalizedOutput) {
  if (output.kind === 'event') {
    const { event } = output;
    return {
      subject: output.subject,
      // A corrected fact keeps its id but changes content: it must not be dropped as a duplicate.
      msgId: `${event.id}:${contentHash(event.data)}`,
      payload: event,
      headers: {
        [HEADERS.eventType]: event.type,
        [HEADERS.schemaVersion]: String(event.version),
        [HEADERS.correlationId]: event.correlationId,
        [HEADERS.causationId]: event.causationId ?? undefined,
        [HEADERS.source]: event.source,
      },
    };
  }
  return {
    subject: output.subject,
    msgId: output.msgId,
    payload: output.frame,
    headers: { [HEADERS.correlationId]: output.correlationId },
  };
}

/** Normalizers are deterministic: an error they raise for a record will be raised again on retry. */
function asPermanent(error: unknown): unknown {
  if (error instanceof PermanentError || (error instanceof Error && error.name === 'ZodError')) return error;
  return new PermanentError(error instanceof Error ? error.message : String(error), 'normalization_failed', {
    cause: error,
  });
}
