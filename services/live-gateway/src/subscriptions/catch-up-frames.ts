import { type DeltaFrame, type FeedTopic } from '@slipstream/contracts';

import { type FeedMessage, type RoutedMessage, routeFeedMessage } from '../feed/feed-message';
import { chunkFrame, frameFor, groupByTopic } from '../hub/delta-frames';

/** Frames of a catch-up stay small enough for a client to parse without stalling. */
const MAX_ITEMS_PER_FRAME = 500;

/** What a resuming client missed, as the same frames live clients got, filtered to its subscription. */
export function catchUpFrames(
  messages: readonly FeedMessage[],
  sessionKey: number,
  topics: ReadonlySet<FeedTopic>,
  drivers: ReadonlySet<number> | null,
): DeltaFrame[] {
  const routed: RoutedMessage[] = [];
  for (const message of messages) {
    for (const route of routeFeedMessage(message))
      if (route.sessionKey === sessionKey && topics.has(route.topic)) routed.push(route);
  }
  return groupByTopic(routed).flatMap((pending) => {
    const frame = frameFor(pending, pending.topic === 'session' ? null : drivers);
    return frame ? chunkFrame({ ...frame, replayed: true }, MAX_ITEMS_PER_FRAME) : [];
  });
}
