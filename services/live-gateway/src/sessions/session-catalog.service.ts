import { Inject, Injectable } from '@nestjs/common';
import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';

import { type SessionEventOfType, STREAMS } from '@slipstream/contracts';
import { JETSTREAM_CLIENT } from '@slipstream/messaging';

import { DeltaHub } from '../hub/delta-hub.service';
import { type EventData } from '../session-state/live-session';
import { bySessionRecency, type SessionSummary, summarize } from './session-summary';

/** Every session ever described in EVENTS has one of these subjects (`f1.session.info_recorded.<key>`). */
const SESSION_INFO_SUBJECTS = 'f1.session.info_recorded.>';
/** The dashboard polls; the stream need not be asked more often than this. */
const CACHE_MS = 5_000;

/**
 * Which sessions exist (from the stream, so older sessions than the gateway's memory are listed)
 * and which are live or replaying now (from the gateway's memory of recent messages).
 */
@Injectable()
export class SessionCatalog {
  private cached: { atMs: number; infos: Map<number, EventData<'SessionInfoRecorded'>> } | undefined;

  constructor(
    @Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient,
    private readonly hub: DeltaHub,
  ) {}

  async all(): Promise<SessionSummary[]> {
    const infos = await this.sessionInfos();
    const now = Date.now();
    const keys = new Set([...infos.keys(), ...this.hub.registry.list().map((session) => session.sessionKey)]);
    return [...keys]
      .map((key) => summarize(key, infos.get(key) ?? null, this.hub.registry.get(key), now))
      .sort(bySessionRecency);
  }

  live(): SessionSummary[] {
    const now = Date.now();
    return this.hub.registry
      .list()
      .map((session) => summarize(session.sessionKey, null, session, now))
      .filter((summary) => summary.live)
      .sort(bySessionRecency);
  }

  /** The latest SessionInfoRecorded per session, read with an ordered consumer (last per subject). */
  private async sessionInfos(): Promise<Map<number, EventData<'SessionInfoRecorded'>>> {
    if (this.cached && Date.now() - this.cached.atMs < CACHE_MS) return this.cached.infos;
    const jsm = await this.js.jetstreamManager();
    const info = await jsm.streams.info(STREAMS.EVENTS.name, { subjects_filter: SESSION_INFO_SUBJECTS });
    const expected = Object.keys(info.state.subjects ?? {}).length;
    const infos = new Map<number, EventData<'SessionInfoRecorded'>>();
    if (expected > 0) {
      const consumer = await this.js.consumers.get(STREAMS.EVENTS.name, {
        filter_subjects: SESSION_INFO_SUBJECTS,
        deliver_policy: DeliverPolicy.LastPerSubject,
      });
      try {
        while (infos.size < expected) {
          const batch = await consumer.fetch({ max_messages: expected - infos.size, expires: 2_000 });
          let received = 0;
          for await (const message of batch) {
            received++;
            const event = message.json<SessionEventOfType<'SessionInfoRecorded'>>();
            infos.set(event.data.sessionKey, event.data);
          }
          if (received === 0) break;
        }
      } finally {
        await consumer.delete().catch(() => undefined);
      }
    }
    this.cached = { atMs: Date.now(), infos };
    return infos;
  }
}
