import { jetstream, type JsMsg } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

import { readStoredMessages } from '@slipstream/messaging';

/** Every message currently in a stream (optionally filtered), in order. */
export async function readStream(nc: NatsConnection, stream: string, filterSubject = '>'): Promise<JsMsg[]> {
  const messages: JsMsg[] = [];
  for await (const message of readStoredMessages(jetstream(nc), stream, { filter: filterSubject }))
    messages.push(message);
  return messages;
}
