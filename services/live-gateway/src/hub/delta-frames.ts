import { type DeltaFrame, type DeltaItem, type FeedStream, type FeedTopic } from '@slipstream/contracts';

import { type RoutedMessage } from '../feed/feed-message';

/** A tick's messages of one session and topic, with each item's car for driver filters. */
export interface PendingFrame {
  sessionKey: number;
  topic: FeedTopic;
  stream: FeedStream;
  entries: Array<{ driverNumber: number | null; item: DeltaItem }>;
}

/** Groups routed messages by session and topic, keeping stream order inside each group. */
export function groupByTopic(routed: readonly RoutedMessage[]): PendingFrame[] {
  const frames = new Map<string, PendingFrame>();
  for (const message of routed) {
    const key = `${message.sessionKey}/${message.topic}`;
    let frame = frames.get(key);
    if (!frame) {
      frame = { sessionKey: message.sessionKey, topic: message.topic, stream: message.stream, entries: [] };
      frames.set(key, frame);
    }
    frame.entries.push({ driverNumber: message.driverNumber, item: message.item });
  }
  return [...frames.values()];
}

/**
 * The frame a driver filter sees: items about other cars are left out, session-wide items stay.
 * Null when nothing is left, so filtered clients are not woken for nothing.
 */
export function frameFor(pending: PendingFrame, drivers: ReadonlySet<number> | null): DeltaFrame | null {
  const items = drivers
    ? pending.entries
        .filter(({ driverNumber }) => driverNumber === null || drivers.has(driverNumber))
        .map(({ item }) => item)
    : pending.entries.map(({ item }) => item);
  if (items.length === 0) return null;
  return { sessionKey: pending.sessionKey, topic: pending.topic, stream: pending.stream, items };
}

/** Splits a long catch-up into frames of bounded size, keeping order. */
export function chunkFrame(frame: DeltaFrame, maxItems: number): DeltaFrame[] {
  if (frame.items.length <= maxItems) return [frame];
  const chunks: DeltaFrame[] = [];
  for (let start = 0; start < frame.items.length; start += maxItems) {
    chunks.push({ ...frame, items: frame.items.slice(start, start + maxItems) });
  }
  return chunks;
}
