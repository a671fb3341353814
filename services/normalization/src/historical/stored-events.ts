import { type JetStreamClient } from '@nats-io/jetstream';

import { type AnyEvent, STREAMS } from '@slipstream/contracts';
import { decodeJson, readStoredMessages } from '@slipstream/messaging';

/** Every event stored in EVENTS on a subject, in order. */
export async function* readStoredEvents(
  js: JetStreamClient,
  filterSubject: string,
): AsyncGenerator<AnyEvent> {
  for await (const message of readStoredMessages(js, STREAMS.EVENTS.name, { filter: filterSubject }))
    yield decodeJson<AnyEvent>(message.data);
}
