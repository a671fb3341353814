import { type JetStreamClient } from '@nats-io/jetstream';

import { rawRecordSchema, rawSubjects, STREAMS } from '@slipstream/contracts';
import { ConsumedMessage, readStoredMessages } from '@slipstream/messaging';

import { rawContextOf } from '../core/normalized-output';
import { type StoredRawRecord } from './gap-recovery';

/** A live-timing session's RAW records with `from <= sequence < to`, in stream order. */
export async function* readRawSessionRecords(
  js: JetStreamClient,
  sessionKey: string,
  from: number,
  to: number,
): AsyncGenerator<StoredRawRecord> {
  const messages = readStoredMessages(js, STREAMS.RAW.name, {
    filter: rawSubjects.livetimingSession(sessionKey),
    fromSequence: from,
    toSequence: to - 1,
  });
  for await (const stored of messages) {
    const message = new ConsumedMessage(stored);
    const parsed = rawRecordSchema.safeParse(message.json());
    yield { record: parsed.success ? parsed.data : undefined, context: rawContextOf(message) };
  }
}
