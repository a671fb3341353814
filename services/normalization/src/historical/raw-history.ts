import { type JetStreamClient } from '@nats-io/jetstream';

import { type RawRecord, rawRecordSchema, STREAMS } from '@slipstream/contracts';
import { decodeJson, readStoredMessages } from '@slipstream/messaging';

/** Every record stored in RAW on a subject, in order; one that does not parse is `undefined`. */
export async function* readRawRecords(
  js: JetStreamClient,
  filterSubject: string,
): AsyncGenerator<RawRecord | undefined> {
  for await (const message of readStoredMessages(js, STREAMS.RAW.name, { filter: filterSubject })) {
    const parsed = rawRecordSchema.safeParse(decodeJson(message.data));
    yield parsed.success ? parsed.data : undefined;
  }
}
