import { type EventData, type LiveSession } from '../session-state/live-session';
import { feedMode, isLive } from '../session-state/session-registry';

/** One line of `GET /v1/feed/sessions`. */
export interface SessionSummary {
  sessionKey: number;
  meetingName: string | null;
  sessionName: string | null;
  sessionType: string | null;
  circuitShortName: string | null;
  countryName: string | null;
  scheduledStartUtc: string | null;
  /** The feed's last session status (`Started`, `Finished`, …); null when this gateway has not seen it. */
  status: string | null;
  /** Messages arrived within the last minutes and the session has not ended. */
  live: boolean;
  /** `replay` when the feed's clock is far behind arrival time; null when unknown. */
  mode: 'live' | 'replay' | null;
  /** When the stream stored the session's latest message this gateway read; null when not in memory. */
  lastMessageAt: string | null;
}

export function summarize(
  sessionKey: number,
  info: EventData<'SessionInfoRecorded'> | null,
  session: LiveSession | undefined,
  nowMs: number,
): SessionSummary {
  const known = info ?? session?.info ?? null;
  return {
    sessionKey,
    meetingName: known?.meetingName ?? null,
    sessionName: known?.sessionName ?? null,
    sessionType: known?.sessionType ?? null,
    circuitShortName: known?.circuitShortName ?? null,
    countryName: known?.countryName ?? null,
    scheduledStartUtc: known?.scheduledStartUtc ?? null,
    status: session?.status?.status ?? null,
    live: session ? isLive(session, nowMs) : false,
    mode: session ? feedMode(session) : null,
    lastMessageAt:
      session && session.lastStoredAtMs > 0 ? new Date(session.lastStoredAtMs).toISOString() : null,
  };
}

/** Live sessions first, then the most recently scheduled. */
export function bySessionRecency(a: SessionSummary, b: SessionSummary): number {
  if (a.live !== b.live) return a.live ? -1 : 1;
  return (b.scheduledStartUtc ?? '').localeCompare(a.scheduledStartUtc ?? '') || b.sessionKey - a.sessionKey;
}
