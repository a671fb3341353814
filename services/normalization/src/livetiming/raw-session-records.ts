import { type JetStreamClient } from '@nats-io/jetstream';

import { HEADERS, rawRecordSchema, rawSubjects, STREAMS } from '@slipstream/contracts';
import { decodeJson, fromNatsHeaders, readStoredMessages } from '@slipstream/messaging';

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
  for await (const message of messages) {
    const parsed = rawRecordSchema.safeParse(decodeJson(message.data));
    const headers = fromNatsHeaders(message.headers);
    const msgId = headers[HEADERS.msgId]?.[0] ?? `RAW:${message.seq}`;
    yield {
      record: parsed.success ? parsed.data : undefined,
      context: {
        subject: message.subject,
        sequence: message.seq,
        msgId,
        correlationId: headers[HEADERS.correlationId]?.[0] ?? msgId,
      },
    };
  }
}
