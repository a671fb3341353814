import { type JsMsg } from '@nats-io/jetstream';

import { decodeJson, fromNatsHeaders } from './codec';

/** A JetStream message as handlers see it: decoded lazily, with its stream position. */
export class ConsumedMessage {
  readonly headers: Record<string, string[]>;

  constructor(readonly raw: JsMsg) {
    this.headers = fromNatsHeaders(raw.headers);
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

  json<T = unknown>(): T {
    return decodeJson<T>(this.raw.data);
  }
}
