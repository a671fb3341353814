import { type JetStreamClient } from '@nats-io/jetstream';

import { type RawRecord, rawRecordSchema } from '@slipstream/contracts';
import { decodeJson } from '@slipstream/messaging';

/** Every message on one subject filter of a stream, in order, read with an ephemeral ordered consumer. */
export async function* readSubject<T>(
  js: JetStreamClient,
  stream: string,
  filterSubject: string,
  decode: (data: Uint8Array) => T,
): AsyncGenerator<T> {
  const consumer = await js.consumers.get(stream, { filter_subjects: filterSubject });
  let pending = (await consumer.info(true)).num_pending;
  while (pending > 0) {
    const batch = await consumer.fetch({ max_messages: Math.min(1_000, pending), expires: 2_000 });
    let received = 0;
    for await (const message of batch) {
      received++;
      pending = message.info.pending;
      yield decode(message.data);
    }
    if (received === 0) return;
  }
}

export function readRawRecords(
  js: JetStreamClient,
  filterSubject: string,
): AsyncGenerator<RawRecord | undefined> {
  return readSubject(js, 'RAW', filterSubject, (data) => {
    const parsed = rawRecordSchema.safeParse(decodeJson(data));
    return parsed.success ? parsed.data : undefined;
  });
}
