import { type FeedStream } from '@slipstream/contracts';

import { type FeedMessage } from '../feed/feed-message';

export interface CatchUpSource {
  /** What the hub has applied and emitted so far, per stream; moves at each tick. */
  readonly flushed: Readonly<Record<FeedStream, number>>;
  nextTick(): Promise<void>;
  read(stream: FeedStream, afterSeq: number, uptoSeq: number): Promise<FeedMessage[]>;
}

export type CatchUpPlan = { kind: 'replay'; messages: FeedMessage[] } | { kind: 'snapshot'; reason: string };

export interface CatchUpLimits {
  /** Further behind than this, in stream messages, and a snapshot is cheaper than a replay. */
  maxMessages: number;
  /** Ticks to wait for this instance to reach a position another instance already sent. */
  maxWaitTicks: number;
}

/**
 * Finds what a resuming client missed: every message after its positions up to what the hub has
 * flushed. The hub keeps ticking while the stream is read, so reading repeats until it has caught
 * up; the caller then joins the client to its rooms in the same synchronous step, and the first
 * live frame it gets starts right after the last replayed one.
 */
export async function planCatchUp(
  source: CatchUpSource,
  from: Partial<Record<FeedStream, number>>,
  streams: readonly FeedStream[],
  limits: CatchUpLimits,
): Promise<CatchUpPlan> {
  const position = {} as Record<FeedStream, number>;
  for (const stream of streams) {
    const sequence = from[stream];
    if (sequence === undefined) return { kind: 'snapshot', reason: `no resume position for ${stream}` };
    position[stream] = sequence;
  }
  // Another instance may have sent this client more than this one has read yet: wait for it.
  for (let waited = 0; streams.some((stream) => position[stream] > source.flushed[stream]); waited++) {
    if (waited >= limits.maxWaitTicks)
      return { kind: 'snapshot', reason: 'this gateway is behind the resume position' };
    await source.nextTick();
  }
  const messages: FeedMessage[] = [];
  for (;;) {
    const behind = streams.some(
      (stream) => source.flushed[stream] - (from[stream] ?? 0) > limits.maxMessages,
    );
    if (behind) return { kind: 'snapshot', reason: `more than ${limits.maxMessages} messages behind` };
    const target = { ...source.flushed };
    for (const stream of streams) {
      if (target[stream] <= position[stream]) continue;
      messages.push(...(await source.read(stream, position[stream], target[stream])));
      position[stream] = target[stream];
    }
    if (streams.every((stream) => source.flushed[stream] === position[stream]))
      return { kind: 'replay', messages };
  }
}
