import { type PubAck } from '@nats-io/jetstream';

import { type LivetimingOrigin } from '@slipstream/contracts';
import { type LineError, toLivetimingRawMessage, type TopicMessage } from '@slipstream/livetiming';
import { encodeJson, type JetStreamPublisher, type OutgoingMessage } from '@slipstream/messaging';

import { oversizedMessageLetter, unreadableLineLetter } from './replay-dead-letters';

/**
 * What became of every line a replay read: stored in RAW, deduplicated by the server (the same
 * message was stored before), or dead-lettered with its reason. `lost` counts dead letters the
 * server refused too; they are logged, and the replay goes on.
 */
export interface ReplayBooks {
  read: number;
  stored: number;
  deduplicated: number;
  deadLettered: number;
  lost: number;
}

const MAX_PENDING_LETTERS = 256;

export interface ReplayLog {
  warn(entry: Record<string, unknown>): void;
}

/**
 * The one path from a recording to NATS, for the replay service and the CLI alike: a readable
 * message goes to its RAW subject; an unreadable line or a message over the server's max_payload
 * goes to the DLQ, capped, and never stops the replay, not even when the DLQ refuses it.
 */
export class RecordingPublisher {
  private readonly books: ReplayBooks = { read: 0, stored: 0, deduplicated: 0, deadLettered: 0, lost: 0 };
  private readonly pendingLetters = new Set<Promise<void>>();
  private lettersStored = 0;
  private lettersDuplicate = 0;

  constructor(
    /** Its own per replay, so its stats are this replay's. */
    private readonly publisher: JetStreamPublisher,
    private readonly sessionKey: number,
    private readonly origin: LivetimingOrigin,
    private readonly maxPayload: number,
    private readonly log: ReplayLog,
  ) {}

  /** For the recording reader's `onError`: the line is dead-lettered in the background. */
  readonly lineError = (error: LineError, text?: string): void => {
    this.books.read += 1;
    this.log.warn({
      msg: 'dead-lettered a broken line',
      file: error.file,
      line: error.line,
      reason: error.reason,
    });
    this.sendLetter(unreadableLineLetter(error, text, this.sessionKey));
  };

  /** For the replay's `deliver`; awaits only the publish window, so the replay keeps its pace. */
  async deliver(message: TopicMessage): Promise<void> {
    // A recording of nothing but broken lines must not open thousands of publishes at once.
    while (this.pendingLetters.size >= MAX_PENDING_LETTERS) await Promise.race(this.pendingLetters);
    this.books.read += 1;
    const raw = toLivetimingRawMessage(this.sessionKey, message, this.origin);
    const bytes = encodeJson(raw.record);
    if (bytes.length > this.maxPayload) {
      this.log.warn({ msg: 'dead-lettered an oversized message', subject: raw.subject, bytes: bytes.length });
      this.sendLetter(oversizedMessageLetter(raw, bytes, this.maxPayload, { line: message.line }));
      return;
    }
    await this.publisher.publish({ subject: raw.subject, msgId: raw.msgId, payload: bytes });
  }

  /** Waits for every publish and dead letter, then returns the books of the replay. */
  async finish(): Promise<ReplayBooks> {
    while (this.pendingLetters.size > 0) await Promise.all([...this.pendingLetters]);
    const stats = await this.publisher.flush();
    return this.snapshot(stats);
  }

  /** The books so far (publishes still in flight are in `read` only). */
  snapshot(stats = this.publisher.stats): ReplayBooks {
    return {
      ...this.books,
      stored: stats.published - this.lettersStored,
      deduplicated: stats.duplicates - this.lettersDuplicate,
    };
  }

  private sendLetter(letter: OutgoingMessage): void {
    // Waited for on its own, so a refused letter never becomes the publish window's failure.
    const pending: Promise<void> = this.publisher
      .publishAndWait(letter)
      .then((ack: PubAck) => {
        this.books.deadLettered += 1;
        if (ack.duplicate) this.lettersDuplicate += 1;
        else this.lettersStored += 1;
      })
      .catch((failure: unknown) => {
        this.books.lost += 1;
        this.log.warn({ msg: 'dead letter not stored', subject: letter.subject, err: String(failure) });
      })
      .finally(() => this.pendingLetters.delete(pending));
    this.pendingLetters.add(pending);
  }
}
