import { type AnyEvent, historicalEventSubject, parseEventSubject } from '@slipstream/contracts';
import { OFFICIAL_DECISIONS_RECORDED_AT, officialDecisionEvents } from '@slipstream/historical';
import { type OutgoingMessage, PermanentError } from '@slipstream/messaging';

import { toOutgoing } from '../core/normalize-batch';
import { seasonOf, SeasonResults } from './season-results';

/** The result events standings are calculated from, as their subjects' event token. */
export const RESULT_EVENTS = ['race_result_recorded', 'sprint_result_recorded'] as const;
const RESULT_AGGREGATE = 'race';

/** A delivered EVENTS message, as far as the reactor looks at it (a `ConsumedMessage` is one). */
export interface DeliveredEvent {
  subject: string;
  /** Throws when the payload is not JSON. */
  json<T>(): T;
}

/** What the reactor needs from outside: the results already stored, a publisher and the time. */
export interface StandingsReactorPorts {
  /** Every result event already in EVENTS. */
  readStoredResults(): AsyncIterable<AnyEvent>;
  publish(message: OutgoingMessage): Promise<void>;
  /** Resolves when everything published is stored; throws when something was not. */
  flush(): Promise<unknown>;
}

/** True for the subject of a race or sprint result, e.g. `f1.race.race_result_recorded.2023.1.max_verstappen`. */
export function isResultSubject(subject: string): boolean {
  try {
    const { aggregate, event, keys } = parseEventSubject(subject);
    return (
      aggregate === RESULT_AGGREGATE &&
      (RESULT_EVENTS as readonly string[]).includes(event) &&
      keys.length > 0
    );
  } catch {
    return false;
  }
}

/**
 * Championship standings computed by slipstream from results (not copied from published tables):
 * a reactor on the result events. After each batch it recalculates the seasons the batch touched
 * and publishes `…StandingCalculated` events; unchanged ones are dropped as duplicates. The
 * official decisions (points deducted, exclusions) the calculation applies are published with the
 * first batch, so the read models show them beside the tables.
 */
export class StandingsReactor {
  private readonly seasons = new Map<number, SeasonResults>();
  private decisionsPublished = false;
  private resultsLoaded = false;
  /** The message id last stored for each calculated standing, by event id. */
  private readonly lastPublished = new Map<string, string>();

  constructor(private readonly ports: StandingsReactorPorts) {}

  /** Reacts to one batch; returns the messages that are not valid result events, for the DLQ. */
  async react<M extends DeliveredEvent>(
    messages: M[],
  ): Promise<{ failed: Array<{ message: M; error: unknown }> }> {
    if (!this.decisionsPublished) await this.publishOfficialDecisions();
    const failed: Array<{ message: M; error: unknown }> = [];
    const touched = new Set<SeasonResults>();
    for (const message of messages) {
      if (!isResultSubject(message.subject)) continue;
      let event: AnyEvent;
      let season: number | undefined;
      try {
        event = message.json<AnyEvent>();
        season = seasonOf(event);
      } catch (error) {
        failed.push({ message, error: new PermanentError(String(error), 'invalid_event') });
        continue;
      }
      if (season === undefined) {
        failed.push({ message, error: new PermanentError('result event has no season', 'invalid_event') });
        continue;
      }
      // Reading the results from EVENTS can time out under load: that throws, and the batch is retried.
      if (!this.resultsLoaded) await this.loadResults();
      if (this.seasonResults(season).add(event)) touched.add(this.seasonResults(season));
    }
    await this.publishStandings(touched);
    return { failed };
  }

  private async publishStandings(touched: Set<SeasonResults>): Promise<void> {
    const pending: Array<[eventId: string, msgId: string]> = [];
    for (const results of touched) {
      for (const event of results.standingsEvents()) {
        const outgoing = toOutgoing({ kind: 'event', subject: historicalEventSubject(event), event });
        // Most rows of a recalculated season are unchanged: skip what this process already stored
        // (the server would drop it as a duplicate, after a round trip per row).
        if (this.lastPublished.get(event.id) === outgoing.msgId) continue;
        await this.ports.publish(outgoing);
        pending.push([event.id, outgoing.msgId]);
      }
    }
    await this.ports.flush();
    for (const [id, msgId] of pending) this.lastPublished.set(id, msgId);
  }

  private seasonResults(season: number): SeasonResults {
    let results = this.seasons.get(season);
    if (!results) this.seasons.set(season, (results = new SeasonResults(season)));
    return results;
  }

  /**
   * Every result already in EVENTS, read once when the process starts consuming, so a restart
   * calculates from all of them; later ones are delivered to this consumer.
   */
  private async loadResults(): Promise<void> {
    for await (const event of this.ports.readStoredResults()) {
      const season = seasonOf(event);
      if (season !== undefined) this.seasonResults(season).add(event);
    }
    this.resultsLoaded = true;
  }

  private async publishOfficialDecisions(): Promise<void> {
    // Published again after a restart, they are dropped as duplicates inside the stream's window,
    // and replace their rows unchanged after it: their content, recordedAt included, never changes.
    const events = officialDecisionEvents({
      recordedAt: OFFICIAL_DECISIONS_RECORDED_AT,
      correlationId: 'official-decisions',
      causationId: null,
    });
    for (const event of events)
      await this.ports.publish(toOutgoing({ kind: 'event', subject: historicalEventSubject(event), event }));
    await this.ports.flush();
    this.decisionsPublished = true;
  }
}
