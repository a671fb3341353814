import { type RoutedMessage } from '../feed/feed-message';
import { applyEvent, applyTelemetry } from './apply-event';
import { emptySession, type LiveSession } from './live-session';

/** A session is live while messages keep coming; a paused replay stays listed this long. */
export const LIVE_IDLE_MS = 5 * 60 * 1000;
/** Feed time this far behind arrival time means a recording is being replayed, not a live session. */
export const REPLAY_LAG_MS = 15 * 60 * 1000;
/** Sessions idle this long are forgotten; they can still be read from the stream. */
export const EVICT_IDLE_MS = 24 * 60 * 60 * 1000;

const FINISHED_STATUSES = new Set(['Finalised', 'Ends']);

/** In-memory state of every session this gateway has seen recently, keyed by session key. */
export class SessionRegistry {
  private readonly sessions = new Map<number, LiveSession>();

  apply(routed: RoutedMessage, storedAtMs: number): LiveSession {
    const session = this.sessions.get(routed.sessionKey) ?? this.create(routed.sessionKey);
    if (routed.stream === 'EVENTS') {
      applyEvent(session, routed.event);
      const occurredAtMs = Date.parse(routed.event.occurredAt);
      if (Number.isFinite(occurredAtMs)) session.feedLagMs = storedAtMs - occurredAtMs;
    } else {
      applyTelemetry(session, routed.topic, routed.batch);
    }
    session.sequences[routed.stream] = routed.item.seq;
    session.lastStoredAtMs = Math.max(session.lastStoredAtMs, storedAtMs);
    return session;
  }

  get(sessionKey: number): LiveSession | undefined {
    return this.sessions.get(sessionKey);
  }

  list(): LiveSession[] {
    return [...this.sessions.values()];
  }

  evictIdle(nowMs: number): void {
    for (const [key, session] of this.sessions) {
      if (nowMs - session.lastStoredAtMs > EVICT_IDLE_MS) this.sessions.delete(key);
    }
  }

  private create(sessionKey: number): LiveSession {
    const session = emptySession(sessionKey);
    this.sessions.set(sessionKey, session);
    return session;
  }
}

export function isLive(session: LiveSession, nowMs: number): boolean {
  if (session.status && FINISHED_STATUSES.has(session.status.status)) return false;
  return nowMs - session.lastStoredAtMs <= LIVE_IDLE_MS;
}

/** `replay` when the feed's own clock is far behind the time its messages arrived. */
export function feedMode(session: LiveSession): 'live' | 'replay' | null {
  if (session.feedLagMs === null) return null;
  return Math.abs(session.feedLagMs) > REPLAY_LAG_MS ? 'replay' : 'live';
}
