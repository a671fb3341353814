import { Injectable } from '@nestjs/common';

import { DURABLE_CONSUMERS, historicalEventSubject } from '@slipstream/contracts';
import { jolpicaItemToEvents } from '@slipstream/historical';
import {
  type BatchOutcome,
  type ConsumedMessage,
  JetStreamConsumer,
  JetStreamPublisher,
  JetStreamPublisherFactory,
} from '@slipstream/messaging';

import { normalizeBatch, type Normalizer } from '../core/normalize-batch';

/** Jolpica items carry natural keys themselves: each maps to its events on its own. */
export const normalizeJolpicaItem: Normalizer = (record, context) =>
  jolpicaItemToEvents(record.resource, record.payload, {
    recordedAt: record.receivedAt,
    correlationId: context.correlationId,
    causationId: context.msgId,
  }).map((event) => ({ kind: 'event', subject: historicalEventSubject(event), event }));

@Injectable()
export class JolpicaConsumer {
  private readonly publisher: JetStreamPublisher;

  constructor(publishers: JetStreamPublisherFactory) {
    this.publisher = publishers.create({ maxInFlight: 2_048 });
  }

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.normalizationJolpica, mode: 'batch' })
  handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    return normalizeBatch(messages, normalizeJolpicaItem, this.publisher);
  }
}
