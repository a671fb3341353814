import { type JetStreamClient } from '@nats-io/jetstream';
import { Inject, Injectable } from '@nestjs/common';

import { type FeedStream, SESSION_EVENT_SUBJECTS, STREAMS, telemetrySubjects } from '@slipstream/contracts';
import { JETSTREAM_CLIENT, readStoredMessages } from '@slipstream/messaging';

import { type FeedMessage } from './feed-message';

/** A range read that stalls this long is abandoned; the client gets a snapshot instead. */
const STALL_MS = 5_000;

/**
 * Reads a range of a stream again, for a client that resumes after a disconnect. Uses the same
 * filters as the live consumers, so the message at `uptoSeq` (which the hub has seen) always
 * matches and the read ends there without waiting.
 */
@Injectable()
export class StreamRangeReader {
  constructor(@Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient) {}

  /** Messages with `afterSeq < seq <= uptoSeq`, in order. */
  async read(stream: FeedStream, afterSeq: number, uptoSeq: number): Promise<FeedMessage[]> {
    if (uptoSeq <= afterSeq) return [];
    const filter = stream === 'EVENTS' ? SESSION_EVENT_SUBJECTS : telemetrySubjects.all;
    const messages = readStoredMessages(this.js, STREAMS[stream].name, {
      filter,
      fromSequence: afterSeq + 1,
      toSequence: uptoSeq,
      stallMs: STALL_MS,
    });
    const read: FeedMessage[] = [];
    for await (const message of messages) {
      read.push({
        stream,
        seq: message.seq,
        subject: message.subject,
        storedAtMs: message.time.getTime(),
        data: message.data,
      });
    }
    return read;
  }
}
