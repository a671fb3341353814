import { isCompressedTopic, type TopicMessage } from '@slipstream/livetiming';

import { type FeedCall } from './signalr-protocol';

/**
 * Turns a hub call into the TopicMessage a recording would hold: F1's own timestamp when the frame
 * carries one (so an ingest is reproducible), the local receive time otherwise; offsets count from
 * the first message of the connection, as for captures.
 */
export class LiveMessageStamper {
  private firstMs?: number;
  private line = 0;

  stamp(call: FeedCall, receivedAt: Date): TopicMessage {
    const parsed = call.timestamp ? Date.parse(call.timestamp) : NaN;
    const atMs = Number.isNaN(parsed) ? receivedAt.getTime() : parsed;
    this.firstMs ??= atMs;
    return {
      topic: call.topic,
      offsetMs: atMs - this.firstMs,
      timestamp: new Date(atMs).toISOString(),
      payload: call.data,
      // `.z` data stays the base64 text F1 sent; toLivetimingRawMessage keeps it as received.
      raw: isCompressedTopic(call.topic) ? JSON.stringify(call.data) : undefined,
      line: ++this.line,
    };
  }
}
