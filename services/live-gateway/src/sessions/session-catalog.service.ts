import { type JetStreamClient } from '@nats-io/jetstream';
import { Inject, Injectable } from '@nestjs/common';

import { eventSubjects, type SessionEventOfType, STREAMS } from '@slipstream/contracts';
import { JETSTREAM_CLIENT, readStoredMessages } from '@slipstream/messaging';

import { DeltaHub } from '../hub/delta-hub.service';
import { type EventData } from '../session-state/live-session';
import { bySessionRecency, type SessionSummary, summarize } from './session-summary';

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

  /**
   * The latest SessionInfoRecorded per session: every session ever described in EVENTS has one
   * (`f1.session.info_recorded.<key>`).
   */
  private async sessionInfos(): Promise<Map<number, EventData<'SessionInfoRecorded'>>> {
    if (this.cached && Date.now() - this.cached.atMs < CACHE_MS) return this.cached.infos;
    const infos = new Map<number, EventData<'SessionInfoRecorded'>>();
    const latest = readStoredMessages(this.js, STREAMS.EVENTS.name, {
      filter: eventSubjects.sessionInfo,
      lastPerSubject: true,
    });
    for await (const message of latest) {
      const event = message.json<SessionEventOfType<'SessionInfoRecorded'>>();
      infos.set(event.data.sessionKey, event.data);
    }
    this.cached = { atMs: Date.now(), infos };
    return infos;
  }
}
