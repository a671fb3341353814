import { Injectable } from '@nestjs/common';

import { DURABLE_CONSUMERS } from '@slipstream/contracts';
import {
  type BatchOutcome,
  type ConsumedMessage,
  JetStreamConsumer,
  JetStreamPublisher,
  JetStreamPublisherFactory,
} from '@slipstream/messaging';

import { normalizeBatch } from '../core/normalize-batch';
import { normalizePipelineNote } from './normalize-pipeline-note';

@Injectable()
export class PipelineNotesConsumer {
  private readonly publisher: JetStreamPublisher;

  constructor(publishers: JetStreamPublisherFactory) {
    // Its own publisher, so flushing waits only for this consumer's publishes.
    this.publisher = publishers.create();
  }

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.normalizationTest, mode: 'batch' })
  handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    return normalizeBatch(messages, normalizePipelineNote, this.publisher);
  }
}
