import { type JetStreamClient } from '@nats-io/jetstream';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { DURABLE_CONSUMERS, rawSubjects } from '@slipstream/contracts';
import { ERGAST_REFERENCE_TABLES, InvalidSourceRecordError } from '@slipstream/historical';
import {
  type BatchOutcome,
  type ConsumedMessage,
  JETSTREAM_CLIENT,
  JetStreamConsumer,
  JetStreamPublisher,
  JetStreamPublisherFactory,
} from '@slipstream/messaging';

import { normalizeBatch, type Normalizer } from '../core/normalize-batch';
import { ErgastNormalizer } from './ergast-normalizer';
import { readRawRecords } from './raw-history';

@Injectable()
export class ErgastConsumer {
  private readonly logger = new Logger('ErgastNormalization');
  private readonly publisher: JetStreamPublisher;
  private normalizer?: ErgastNormalizer;

  constructor(
    @Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient,
    publishers: JetStreamPublisherFactory,
  ) {
    this.publisher = publishers.create({ maxInFlight: 2_048 });
  }

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.normalizationErgast, mode: 'batch' })
  async handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    const normalizer = await this.ready();
    const normalize: Normalizer = (record, context) => normalizer.normalize(record, context);
    const outcome = await normalizeBatch(messages, normalize, this.publisher);
    const unresolved = outcome.failed.filter(({ error }) => refersToUnknownRow(error));
    if (unresolved.length === 0) return outcome;
    // A redelivered reference row can arrive after the fact rows naming it, but it is in RAW
    // already: read the reference tables again and retry those rows once before dead-lettering.
    await this.loadReference(normalizer);
    const retried = await normalizeBatch(
      unresolved.map(({ message }) => message),
      normalize,
      this.publisher,
    );
    return {
      failed: [...outcome.failed.filter((entry) => !unresolved.includes(entry)), ...retried.failed],
    };
  }

  /**
   * The reference rows already in RAW, so a restarted normalizer maps fact rows as before. Reading
   * the whole reference history is cheap (a few thousand rows) and independent of batch boundaries.
   */
  private async ready(): Promise<ErgastNormalizer> {
    if (this.normalizer) return this.normalizer;
    const normalizer = new ErgastNormalizer();
    await this.loadReference(normalizer);
    return (this.normalizer = normalizer);
  }

  private async loadReference(normalizer: ErgastNormalizer): Promise<void> {
    let rows = 0;
    for (const table of ERGAST_REFERENCE_TABLES) {
      for await (const record of readRawRecords(this.js, rawSubjects.ergast(table))) {
        if (record) normalizer.remember(record);
        rows++;
      }
    }
    this.logger.log({ msg: 'Ergast reference tables loaded from RAW', rows });
  }
}

/** The row names a race, driver… the reference tables do not hold (yet). */
function refersToUnknownRow(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof InvalidSourceRecordError && cause.where === 'ergast reference';
}
