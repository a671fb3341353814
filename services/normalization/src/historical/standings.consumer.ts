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
  DEFAULT_PUBLISHER_OPTIONS,
  JETSTREAM_CLIENT,
  JetStreamConsumer,
  JetStreamPublisher,
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

  constructor(@Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient) {
    this.publisher = new JetStreamPublisher(js, { ...DEFAULT_PUBLISHER_OPTIONS, maxInFlight: 2_048 });
  }

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.normalizationStandings, mode: 'batch' })
  async handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    if (!this.decisionsPublished) await this.publishOfficialDecisions();
    const failed: BatchOutcome['failed'] = [];
    const touched = new Set<SeasonResults>();
    for (const message of messages) {
      if (!/^f1\.race\.(race|sprint)_result_recorded\./.test(message.subject)) continue;
      try {
        const event = message.json<AnyEvent>();
        const season = seasonOf(event);
        if (season === undefined) throw new PermanentError('result event has no season', 'invalid_event');
        const results = await this.seasonResults(season);
        if (results.add(event)) touched.add(results);
      } catch (error) {
        failed.push({
          message,
          error: error instanceof PermanentError ? error : new PermanentError(String(error), 'invalid_event'),
        });
      }
    }
    for (const results of touched) {
      for (const event of results.standingsEvents()) {
        await this.publisher.publish(
          toOutgoing({ kind: 'event', subject: historicalEventSubject(event), event }),
        );
      }
    }
    await this.publisher.flush();
    return { failed };
  }

  /** A season seen for the first time in this process starts from every result already in EVENTS. */
  private async seasonResults(season: number): Promise<SeasonResults> {
    let results = this.seasons.get(season);
    if (results) return results;
    results = new SeasonResults(season);
    for (const kind of ['race_result_recorded', 'sprint_result_recorded']) {
      const filter = `${eventSubject('race', kind, season)}.>`;
      for await (const event of readSubject(this.js, 'EVENTS', filter, (data) => decodeJson<AnyEvent>(data)))
        results.add(event);
    }
    this.seasons.set(season, results);
    return results;
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
