import { isCompressedTopic, type TopicMessage } from '@slipstream/livetiming';

import { type FeedCall } from './live-feed-client';

/**
 * Turns what the hub sends into the TopicMessages a recording would hold. Feed calls carry F1's
 * send time, used as is (so an ingest is reproducible); offsets count from the first message
 * ingested, across reconnects, as a capture's do.
 *
 * The Subscribe completion carries no time. Its state is held and placed, one message per topic,
 * just before the first feed call that follows it, stamped with that call's time: the state is
 * what the session was when the feed resumed. A connection that ends before any feed call gets its
 * snapshot stamped with the last time seen.
 */
export class LiveMessageStamper {
  private firstMs?: number;
  private lastMs?: number;
  private line = 0;
  private held?: { state: Record<string, unknown>; receivedAt: Date };

  snapshot(state: Record<string, unknown>, receivedAt: Date): void {
    this.held = { state, receivedAt };
  }

  /** A feed call, preceded by the snapshot it follows if one is held. */
  feed(call: FeedCall, receivedAt: Date): TopicMessage[] {
    const released = this.release(timeOf(call, receivedAt));
    return [...released, this.stamp(call, receivedAt)];
  }

  /** One feed call as a TopicMessage, at F1's time if the call carries it. */
  stamp(call: FeedCall, receivedAt: Date): TopicMessage {
    return this.message(call.topic, call.data, timeOf(call, receivedAt));
  }

  /** The connection ended: a snapshot still held is placed now. */
  flush(): TopicMessage[] {
    return this.held ? this.release(this.lastMs ?? this.held.receivedAt.getTime()) : [];
  }

  private release(atMs: number): TopicMessage[] {
    const held = this.held;
    this.held = undefined;
    if (!held) return [];
    // An empty state says nothing: a topic without data yet is left out, as a recording has no line for it.
    return Object.entries(held.state)
      .filter(([, state]) => !isEmpty(state))
      .map(([topic, state]) => this.message(topic, state, atMs));
  }

  private message(topic: string, data: unknown, atMs: number): TopicMessage {
    this.firstMs ??= atMs;
    this.lastMs = atMs;
    return {
      topic,
      offsetMs: atMs - this.firstMs,
      timestamp: new Date(atMs).toISOString(),
      payload: data,
      // `.z` data stays the base64 text F1 sent; toLivetimingRawMessage keeps it as received.
      raw: isCompressedTopic(topic) ? JSON.stringify(data) : undefined,
      line: ++this.line,
    };
  }
}

function timeOf(call: FeedCall, receivedAt: Date): number {
  const parsed = call.timestamp ? Date.parse(call.timestamp) : NaN;
  return Number.isNaN(parsed) ? receivedAt.getTime() : parsed;
}

function isEmpty(state: unknown): boolean {
  return (
    state === null ||
    state === undefined ||
    (typeof state === 'object' && !Array.isArray(state) && Object.keys(state).length === 0)
  );
}
