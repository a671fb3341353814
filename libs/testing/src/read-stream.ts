import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

/** Every message currently in a stream (optionally filtered), read with an ephemeral ordered consumer. */
export async function readStream(nc: NatsConnection, stream: string, filterSubject = '>'): Promise<JsMsg[]> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream, { subjects_filter: filterSubject });
  const total = Object.values(info.state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
  if (total === 0) return [];
  const consumer = await jetstream(nc).consumers.get(stream, { filter_subjects: filterSubject });
  const messages: JsMsg[] = [];
  while (messages.length < total) {
    const batch = await consumer.fetch({
      max_messages: Math.min(1_000, total - messages.length),
      expires: 1_000,
    });
    let received = 0;
    for await (const message of batch) {
      messages.push(message);
      received++;
    }
    if (received === 0) break;
  }
  return messages;
}
