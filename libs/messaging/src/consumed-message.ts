import { type JsMsg } from '@nats-io/jetstream';

import { decodeJson, fromNatsHeaders } from './codec';

/**
 * A JetStream message as handlers see it: headers and JSON decoded on first use and kept, since
 * the runner and the stages each ask (at tens of thousands of messages a second).
 */
export class ConsumedMessage {
  private decodedHeaders?: Record<string, string[]>;
  private decoded?: { value: unknown };

  constructor(readonly raw: JsMsg) {}

  get headers(): Record<string, string[]> {
    return (this.decodedHeaders ??= fromNatsHeaders(this.raw.headers));
  }

  get subject(): string {
    return this.raw.subject;
  }

  get stream(): string {
    return this.raw.info.stream;
  }

  get sequence(): number {
    return this.raw.seq;
  }

  get deliveryCount(): number {
    return this.raw.info.deliveryCount;
  }

  /** Messages still waiting for this consumer after this one: the consumer's lag. */
  get pending(): number {
    return this.raw.info.pending;
  }

  get data(): Uint8Array {
    return this.raw.data;
  }

  header(name: string): string | undefined {
    return this.headers[name]?.[0];
  }

  /** The payload as JSON, parsed once: callers must not change what they get. */
  json<T = unknown>(): T {
    this.decoded ??= { value: decodeJson(this.raw.data) };
    return this.decoded.value as T;
  }
}
