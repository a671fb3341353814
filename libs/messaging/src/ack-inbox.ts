import { type PubAck } from '@nats-io/jetstream';
import {
  createInbox,
  headers as createHeaders,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';

import { HEADERS } from '@slipstream/contracts';

/** What `JetStreamPublisher` needs of a client: `jetstream(nc)` is one, `AckInbox` the fast one. */
export interface PublishClient {
  publish(
    subject: string,
    data: Uint8Array,
    options: { msgID: string; headers?: MsgHdrs; timeout: number },
  ): Promise<PubAck>;
}

interface PendingAck {
  subject: string;
  expiresAtMs: number;
  resolve: (ack: PubAck) => void;
  reject: (error: Error) => void;
}

/** How often expired acks are looked for; a timeout fires at most this late. */
const SWEEP_INTERVAL_MS = 250;
const decoder = new TextDecoder();

/**
 * JetStream publishes whose acks all come back on one wildcard inbox subscription, as the NATS
 * clients' async publish does, instead of a request per message. A request in nats.js costs a timer,
 * a mux entry and, on every successful reply, an `Error` with a captured stack trace (its `cancel()`
 * builds a "cancelled" rejection that nobody sees): 5 % of the all-in-one's CPU during a replay.
 *
 * The semantics are `js.publish`'s: the server's ack, its `duplicate` flag, its errors by their
 * description, "no responders" when nothing stores the subject yet, and a timeout. A lost ack
 * (a reconnect) times out and the publisher retries with the same `Nats-Msg-Id`, which the server
 * deduplicates.
 */
export class AckInbox implements PublishClient {
  private static readonly byConnection = new WeakMap<NatsConnection, AckInbox>();
  private readonly prefix: string;
  private readonly subscription: Subscription;
  private readonly pending = new Map<string, PendingAck>();
  private next = 0;
  private sweeper: NodeJS.Timeout | undefined;

  /** One per connection: every publisher on it shares the subscription. */
  static of(nc: NatsConnection): AckInbox {
    let inbox = AckInbox.byConnection.get(nc);
    if (!inbox) {
      inbox = new AckInbox(nc);
      AckInbox.byConnection.set(nc, inbox);
    }
    return inbox;
  }

  private constructor(private readonly nc: NatsConnection) {
    this.prefix = `${createInbox()}.`;
    this.subscription = nc.subscribe(`${this.prefix}*`, {
      callback: (error, message) => (error ? this.failAll(error) : this.settle(message)),
    });
    void this.watchPermissionErrors();
  }

  publish(
    subject: string,
    data: Uint8Array,
    options: { msgID: string; headers?: MsgHdrs; timeout: number },
  ): Promise<PubAck> {
    const headers = options.headers ?? createHeaders();
    // The publisher builds its headers with the id already in them (`toNatsHeaders`).
    if (headers.get(HEADERS.msgId) !== options.msgID) headers.set(HEADERS.msgId, options.msgID);
    const token = (++this.next).toString(36);
    return new Promise<PubAck>((resolve, reject) => {
      this.pending.set(token, { subject, expiresAtMs: Date.now() + options.timeout, resolve, reject });
      try {
        this.nc.publish(subject, data, { reply: this.prefix + token, headers });
      } catch (error) {
        this.pending.delete(token);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.sweeper ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
    });
  }

  /** Publishes waiting for their ack (for tests and metrics). */
  get waiting(): number {
    return this.pending.size;
  }

  private settle(message: Msg): void {
    const token = message.subject.slice(this.prefix.length);
    const entry = this.pending.get(token);
    if (!entry) return; // it timed out; the retry has its own token
    this.pending.delete(token);
    if (message.headers?.hasError && message.headers.code === 503) {
      entry.reject(new Error(`JetStream did not answer a publish to ${entry.subject} (no responders)`));
      return;
    }
    const reply = parseReply(message.data);
    if ('error' in reply) {
      entry.reject(new Error(`JetStream refused a publish to ${entry.subject}: ${reply.error}`));
      return;
    }
    entry.resolve(reply.ack);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, entry] of this.pending) {
      if (entry.expiresAtMs > now) continue;
      this.pending.delete(token);
      const timeout = new Error(`timeout waiting for JetStream to ack a publish to ${entry.subject}`);
      timeout.name = 'TimeoutError';
      entry.reject(timeout);
    }
    if (this.pending.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private failAll(error: Error): void {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  /** The server refuses a publish it does not permit with an asynchronous error naming the subject. */
  private async watchPermissionErrors(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type !== 'error') continue;
      const error = status.error as Error & { operation?: string; subject?: string };
      if (error.operation !== 'publish' || !error.subject) continue;
      for (const [token, entry] of this.pending) {
        if (entry.subject !== error.subject) continue;
        this.pending.delete(token);
        entry.reject(error);
      }
    }
    if (!this.subscription.isClosed()) this.subscription.unsubscribe();
  }
}

function parseReply(data: Uint8Array): { ack: PubAck } | { error: string } {
  let reply: { stream?: string; seq?: number; duplicate?: boolean; domain?: string; error?: unknown };
  try {
    reply = JSON.parse(decoder.decode(data)) as typeof reply;
  } catch {
    return { error: 'invalid ack response' };
  }
  if (reply.error) {
    const { description, err_code: code } = reply.error as { description?: string; err_code?: number };
    return { error: `${description ?? 'unknown error'}${code ? ` (${code})` : ''}` };
  }
  if (!reply.stream || typeof reply.seq !== 'number') return { error: 'invalid ack response' };
  return {
    ack: {
      stream: reply.stream,
      seq: reply.seq,
      duplicate: reply.duplicate === true,
      domain: reply.domain ?? '',
    } as PubAck,
  };
}
