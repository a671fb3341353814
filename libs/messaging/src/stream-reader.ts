import { type ConsumerMessages, DeliverPolicy, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';

export interface StreamReadOptions {
  /** Only messages on this subject (wildcards allowed); the whole stream when left out. One subject, not a list: nats-server 2.9 takes one. */
  filter?: string;
  /** The first sequence to read; the start of the stream when left out. */
  fromSequence?: number;
  /** The last sequence to read (inclusive); the last one stored when the read starts when left out. */
  toSequence?: number;
  /** Only the newest message of each subject (`fromSequence` does not apply). */
  lastPerSubject?: boolean;
  /** How long the server may send nothing before the read fails with `StreamReadStalledError`. */
  stallMs?: number;
  /** Messages asked for per pull. */
  batchSize?: number;
}

export class StreamReadStalledError extends Error {
  constructor(stream: string, stallMs: number, remaining: number) {
    super(`reading ${stream} stalled: nothing for ${stallMs} ms with ${remaining} messages still to read`);
    this.name = 'StreamReadStalledError';
  }
}

const DEFAULT_STALL_MS = 10_000;
const DEFAULT_BATCH_SIZE = 1_000;

/**
 * The messages stored in a stream when the read starts, in order, read with an ordered consumer of
 * its own. The read ends by itself once it has every message that matched when it started (what
 * is published later is left for the live consumers), or at `toSequence`; a caller that needs
 * fewer stops by leaving its `for await`. Either way the temporary consumer is deleted, so reads
 * leave nothing behind on the server (its inactivity threshold would only catch a crashed process).
 */
export async function* readStoredMessages(
  js: JetStreamClient,
  stream: string,
  options: StreamReadOptions = {},
): AsyncGenerator<JsMsg> {
  const toSequence = options.toSequence ?? Number.POSITIVE_INFINITY;
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  if ((options.fromSequence ?? 1) > toSequence) return;
  const consumer = await js.consumers.get(stream, {
    ...(options.filter === undefined ? {} : { filter_subjects: options.filter }),
    ...(options.lastPerSubject
      ? { deliver_policy: DeliverPolicy.LastPerSubject }
      : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: options.fromSequence ?? 1 }),
  });
  let messages: ConsumerMessages | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  try {
    // Counted by the server when the consumer was created: the end of the read is fixed here.
    let remaining = (await consumer.info(true)).num_pending;
    if (remaining === 0) return;
    const pulling = await consumer.consume({
      // No more than the range holds: what a pull asks for beyond it is sent and thrown away.
      max_messages: Math.min(
        options.batchSize ?? DEFAULT_BATCH_SIZE,
        remaining,
        toSequence - (options.fromSequence ?? 1) + 1,
      ),
    });
    messages = pulling;
    let stalled = false;
    // Runs only while waiting for the server, not while the caller handles a message.
    const watch = () => {
      watchdog = setTimeout(() => {
        stalled = true;
        pulling.stop();
      }, stallMs);
    };
    watch();
    for await (const message of pulling) {
      clearTimeout(watchdog);
      if (message.seq > toSequence) return;
      remaining--;
      yield message;
      if (remaining === 0 || message.seq >= toSequence) return;
      watch();
    }
    if (stalled) throw new StreamReadStalledError(stream, stallMs, remaining);
  } finally {
    clearTimeout(watchdog);
    messages?.stop();
    await consumer.delete().catch(() => undefined);
  }
}
