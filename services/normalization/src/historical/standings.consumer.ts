import { Inject, Injectable } from '@nestjs/common';
import { type JetStreamClient } from '@nats-io/jetstream';

import {
  type AnyEvent,
  DURABLE_CONSUMERS,
  eventSubject,
  historicalEventSubject,
} from '@slipstream/contracts';
import { officialDecisionEvents } from '@slipstream/historical';
import {
  type BatchOutcome,
  type ConsumedMessage,
  decodeJson,
  JETSTREAM_CLIENT,
  JetStreamConsumer,
  JetStreamPublisher,
  JetStreamPublisherFactory,
  PermanentError,
} from '@slipstream/messaging';

import { toOutgoing } from '../core/normalize-batch';
import { readSubject } from './raw-history';
import { SeasonResults, seasonOf } from './season-results';

/**
 * Championship standings computed by slipstream from results (not copied from published tables):
 * a reactor on the result events. After each batch it recalculates the seasons the batch touched
 * and publishes `…StandingCalculated` events; unchanged ones are dropped as duplicates.
 */
@Injectable()
export class StandingsConsumer {
  private readonly publisher: JetStreamPublisher;
  private readonly seasons = new Map<number, SeasonResults>();
  private decisionsPublished = false;
  private resultsLoaded = false;
  /** The message id last stored for each calculated standing, by event id. */
  private readonly lastPublished = new Map<string, string>();

  constructor(
    @Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient,
    publishers: JetStreamPublisherFactory,
  ) {
    this.publisher = publishers.create({ maxInFlight: 2_048 });
  }

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.normalizationStandings, mode: 'batch' })
  async handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    if (!this.decisionsPublished) await this.publishOfficialDecisions();
    const failed: BatchOutcome['failed'] = [];
    const touched = new Set<SeasonResults>();
    const pending: Array<[eventId: string, msgId: string]> = [];
    for (const message of messages) {
      if (!/^f1\.race\.(race|sprint)_result_recorded\./.test(message.subject)) continue;
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
      const results = await this.seasonResults(season);
      if (results.add(event)) touched.add(results);
    }
    for (const results of touched) {
      for (const event of results.standingsEvents()) {
        const outgoing = toOutgoing({ kind: 'event', subject: historicalEventSubject(event), event });
        // Most rows of a recalculated season are unchanged: skip what this process already stored
        // (the server would drop it as a duplicate, after a round trip per row).
        if (this.lastPublished.get(event.id) === outgoing.msgId) continue;
        await this.publisher.publish(outgoing);
        pending.push([event.id, outgoing.msgId]);
      }
    }
    await this.publisher.flush();
    for (const [id, msgId] of pending) this.lastPublished.set(id, msgId);
    return { failed };
  }

  private async seasonResults(season: number): Promise<SeasonResults> {
    if (!this.resultsLoaded) await this.loadResults();
    let results = this.seasons.get(season);
    if (!results) this.seasons.set(season, (results = new SeasonResults(season)));
    return results;
  }

  /**
   * Every result already in EVENTS, read once when the process starts consuming, so a restart
   * calculates from all of them; later ones are delivered to this consumer. One read per kind, not
   * per season: a filtered read of a large stream is slow enough to time out under load.
   */
  private async loadResults(): Promise<void> {
    for (const kind of ['race_result_recorded', 'sprint_result_recorded']) {
      const filter = `${eventSubject('race', kind)}.>`;
      for await (const event of readSubject(this.js, 'EVENTS', filter, (data) =>
        decodeJson<AnyEvent>(data),
      )) {
        const season = seasonOf(event);
        if (season === undefined) continue;
        let results = this.seasons.get(season);
        if (!results) this.seasons.set(season, (results = new SeasonResults(season)));
        results.add(event);
      }
    }
    this.resultsLoaded = true;
  }

  private async publishOfficialDecisions(): Promise<void> {
    const events = officialDecisionEvents({
      recordedAt: '2025-01-01T00:00:00.000Z',
      correlationId: 'official-decisions',
      causationId: null,
    });
    for (const event of events)
      await this.publisher.publish(
        toOutgoing({ kind: 'event', subject: historicalEventSubject(event), event }),
      );
    await this.publisher.flush();
    this.decisionsPublished = true;
  }
}
