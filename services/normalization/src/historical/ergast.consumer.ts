import { Inject, Injectable, Logger } from '@nestjs/common';
import { type JetStreamClient } from '@nats-io/jetstream';

import { DURABLE_CONSUMERS, rawSubjects } from '@slipstream/contracts';
import { ERGAST_REFERENCE_TABLES } from '@slipstream/historical';
import {
  type BatchOutcome,
  type ConsumedMessage,
  DEFAULT_PUBLISHER_OPTIONS,
  JETSTREAM_CLIENT,
  JetStreamConsumer,
  JetStreamPublisher,
} from '@slipstream/messaging';

import { normalizeBatch } from '../core/normalize-batch';
import { ErgastNormalizer } from './ergast-normalizer';
import { readRawRecords } from './raw-history';

@Injectable()
export class ErgastConsumer {
  private readonly logger = new Logger('ErgastNormalization');
  private readonly publisher: JetStreamPublisher;
  private normalizer?: ErgastNormalizer;

  constructor(@Inject(JETSTREAM_CLIENT) private readonly js: JetStreamClient) {
    this.publisher = new JetStreamPublisher(js, { ...DEFAULT_PUBLISHER_OPTIONS, maxInFlight: 2_048 });
  }

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.normalizationErgast, mode: 'batch' })
  async handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    const normalizer = await this.ready();
    return normalizeBatch(
      messages,
      (record, context) => normalizer.normalize(record, context),
      this.publisher,
    );
  }

  /**
   * The reference rows already in RAW, so a restarted normalizer maps fact rows as before. Reading
   * the whole reference history is cheap (a few thousand rows) and independent of batch boundaries.
   */
  private async ready(): Promise<ErgastNormalizer> {
    if (this.normalizer) return this.normalizer;
    const normalizer = new ErgastNormalizer();
    let rows = 0;
    for (const table of ERGAST_REFERENCE_TABLES) {
      for await (const record of readRawRecords(this.js, rawSubjects.ergast(table))) {
        if (record) normalizer.remember(record);
        rows++;
      }
    }
    this.logger.log({ msg: 'Ergast reference tables loaded from RAW', rows });
    return (this.normalizer = normalizer);
  }
}
