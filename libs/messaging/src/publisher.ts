import { type PubAck } from '@nats-io/jetstream';

import { HEADERS } from '@slipstream/contracts';

import { type PublishClient } from './ack-inbox';
import { backoffDelay, sleep } from './backoff';
import { encodeJson, toNatsHeaders } from './codec';

export interface OutgoingMessage {
  subject: string;
  /** Deterministic id: the server drops a second message with the same id inside the stream's window. */
  msgId: string;
  /** Objects are sent as JSON; bytes as they are. */
  payload: unknown;
  headers?: Record<string, string | undefined>;
}

export interface PublisherOptions {
  /** Un-acked publishes allowed in flight before `publish` waits. */
  maxInFlight: number;
  retryAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export interface PublishStats {
  published: number;
  duplicates: number;
  retries: number;
}

export const DEFAULT_PUBLISHER_OPTIONS: PublisherOptions = {
  maxInFlight: 256,
  retryAttempts: 30,
  retryBaseMs: 100,
  retryMaxMs: 5_000,
};

/**
 * Publishes with `Nats-Msg-Id` and a bounded window of un-acked publishes: fast enough for bulk
 * imports, and a retried publish (after a timeout or a server restart) is deduplicated by the server.
 */
export class JetStreamPublisher {
  private readonly inFlight = new Set<Promise<void>>();
  /** Callers waiting for a free slot, woken one per settled publish (FIFO). */
  private readonly waiting: Array<() => void> = [];
  /** Publishes of this turn of the event loop, sent together on the next (see `cork`). */
  private corked: Array<() => void> = [];
  private failure: unknown = null;
  readonly stats: PublishStats = { published: 0, duplicates: 0, retries: 0 };

  constructor(
    /** `AckInbox.of(nc)` in the services; `jetstream(nc)` works too, a request per publish. */
    private readonly js: PublishClient,
    private readonly options: PublisherOptions = DEFAULT_PUBLISHER_OPTIONS,
    private readonly onAck?: (message: OutgoingMessage, ack: PubAck) => void,
  ) {}

  /** Resolves once the message is in the window; call `flush()` to wait for every ack. */
  async publish(message: OutgoingMessage): Promise<void> {
    this.throwIfFailed();
    while (this.inFlight.size >= this.options.maxInFlight) {
      // Promise.race over the window would attach a handler to every un-acked publish on every
      // call: quadratic work and memory at a full window of 1,024.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.throwIfFailed();
    }
    const pending: Promise<void> = new Promise<void>((release) => this.cork(release))
      .then(() => this.publishWithRetry(message))
      .then(() => undefined)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.inFlight.delete(pending);
        this.waiting.shift()?.();
      });
    this.inFlight.add(pending);
  }

  /**
   * Holds a publish until the event loop's next turn, then sends every held publish in one go.
   * nats.js writes to the socket in a microtask after the first command it buffers, so a caller
   * that awaits between publishes (a replay reading its recording, a normalizer between records)
   * would otherwise cost one socket write, and one read on the server, per message.
   */
  private cork(release: () => void): void {
    this.corked.push(release);
    if (this.corked.length > 1) return;
    setImmediate(() => {
      const held = this.corked;
      this.corked = [];
      for (const send of held) send();
    });
  }

  /** Publishes one message and waits for the server's ack. */
  async publishAndWait(message: OutgoingMessage): Promise<PubAck> {
    return this.publishWithRetry(message);
  }

  async flush(): Promise<PublishStats> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.throwIfFailed();
    return { ...this.stats };
  }

  private async publishWithRetry(message: OutgoingMessage): Promise<PubAck> {
    const data = message.payload instanceof Uint8Array ? message.payload : encodeJson(message.payload);
    // The id goes in with the other headers: adding it later (as the clients do) scans them again.
    const headers = toNatsHeaders({ ...message.headers, [HEADERS.msgId]: message.msgId });
    for (let attempt = 1; ; attempt++) {
      try {
        const ack = await this.js.publish(message.subject, data, {
          msgID: message.msgId,
          headers,
          timeout: 10_000,
        });
        if (ack.duplicate) this.stats.duplicates++;
        else this.stats.published++;
        this.onAck?.(message, ack);
        return ack;
      } catch (error) {
        if (attempt >= this.options.retryAttempts || !isRetryable(error)) throw error;
        this.stats.retries++;
        await sleep(backoffDelay(attempt, this.options.retryBaseMs, this.options.retryMaxMs));
      }
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== null) {
      const error = this.failure;
      this.failure = null;
      throw error;
    }
  }
}

/** A subject no stream listens on, or a permission error, will not fix itself. */
function isRetryable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return !/no stream|permission|PermissionViolation|invalid subject|maximum payload|max_payload/i.test(text);
}

/**
 * Makes publishers that report every acked publish to the metrics observer; for stages that want
 * their own publisher (own in-flight window) rather than the shared one.
 */
export class JetStreamPublisherFactory {
  constructor(
    private readonly js: PublishClient,
    private readonly defaults: PublisherOptions,
    private readonly onAck?: (message: OutgoingMessage, ack: PubAck) => void,
  ) {}

  create(options: Partial<PublisherOptions> = {}): JetStreamPublisher {
    return new JetStreamPublisher(this.js, { ...this.defaults, ...options }, this.onAck);
  }
}
