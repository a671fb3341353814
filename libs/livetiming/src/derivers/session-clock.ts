import { parseF1Utc, type TopicMessage } from '../formats';
import { asRecord, keyedEntries } from './feed-values';

/*
 * Maps a message's place in the stream to UTC. Archive messages only know their offset from the
 * start of F1's data stream and live ones when they were received, which is ~2 s after the fact
 * (F1 delays the feed). Payload clocks say when things happened, so each one gives a lower bound
 * for "UTC minus stream time"; the running maximum is the anchor. In the Mexico qualifying
 * archive every CarData/Position/SessionData/ExtrapolatedClock sample gives the same anchor to the
 * millisecond. Race control stamps whole seconds on a clock up to ~0.3 s ahead, so it only serves
 * until an exact clock shows up (the Miami sprint has no other). Heartbeat is not used: its `Utc`
 * is when the message was sent, not when the fact happened.
 */

const EXACT_CLOCK_TOPICS = new Set(['CarData.z', 'Position.z', 'SessionData', 'ExtrapolatedClock']);
const COARSE_CLOCK_TOPICS = new Set(['RaceControlMessages']);

export class SessionClock {
  private exactAnchorMs: number | undefined;
  private coarseAnchorMs: number | undefined;
  private startedAtMs: number | undefined;

  /**
   * Learns from a message's payload clocks. `first` says it is its topic's first record, whose
   * entries may be history from before the stream (SessionData repeats earlier status changes).
   */
  observe(message: TopicMessage, first: boolean): void {
    const exact = EXACT_CLOCK_TOPICS.has(message.topic);
    if (!exact && !COARSE_CLOCK_TOPICS.has(message.topic)) return;
    if (first && message.topic === 'SessionData') return;
    const streamMs = streamTimeMs(message);
    const latestUtcMs = latestPayloadUtcMs(message);
    if (streamMs === undefined || latestUtcMs === undefined) return;
    const anchor = latestUtcMs - streamMs;
    if (exact) this.exactAnchorMs = Math.max(this.exactAnchorMs ?? -Infinity, anchor);
    else this.coarseAnchorMs = Math.max(this.coarseAnchorMs ?? -Infinity, anchor);
  }

  /** When the message's content happened, in epoch ms; undefined while nothing anchors the stream. */
  utcMsOf(message: TopicMessage): number | undefined {
    const streamMs = streamTimeMs(message);
    const anchor = this.exactAnchorMs ?? this.coarseAnchorMs;
    if (streamMs !== undefined && anchor !== undefined) return streamMs + anchor;
    return message.timestamp === undefined ? undefined : parseF1Utc(message.timestamp);
  }

  /** The first `Started` status; later ones (Q2, Q3, restarts) do not move it. */
  markSessionStarted(utcMs: number): void {
    this.startedAtMs ??= utcMs;
  }

  get sessionStartUtcMs(): number | undefined {
    return this.startedAtMs;
  }

  /** Milliseconds since the session start; null before it is known. */
  sessionTimeMs(utcMs: number): number | null {
    return sessionTimeMs(this.startedAtMs, utcMs);
  }
}

export function sessionTimeMs(sessionStartUtcMs: number | undefined, utcMs: number): number | null {
  return sessionStartUtcMs === undefined ? null : utcMs - sessionStartUtcMs;
}

/** The axis messages are ordered on: archive offset, else receive time. */
export function streamTimeMs(message: TopicMessage): number | undefined {
  if (message.offsetMs !== undefined) return message.offsetMs;
  return message.timestamp === undefined ? undefined : parseF1Utc(message.timestamp);
}

function latestPayloadUtcMs(message: TopicMessage): number | undefined {
  const payload = asRecord(message.payload);
  if (!payload) return undefined;
  let latest: number | undefined;
  const consider = (record: unknown) => {
    const entry = asRecord(record);
    const utcMs = parseF1Utc(entry?.Utc ?? entry?.Timestamp);
    if (utcMs !== undefined && (latest === undefined || utcMs > latest)) latest = utcMs;
  };
  consider(payload);
  // Telemetry frames list their samples oldest first: the last one is the latest.
  for (const frames of [payload.Entries, payload.Position]) {
    if (Array.isArray(frames)) consider(frames[frames.length - 1]);
  }
  for (const collection of ['Series', 'StatusSeries', 'Messages']) {
    for (const [, entry] of keyedEntries(payload[collection])) consider(entry);
  }
  return latest;
}
