import { Inject, Injectable } from '@nestjs/common';

import { CLICKHOUSE, type ClickHouseHandle } from '@slipstream/clickhouse';
import { eventSubjects } from '@slipstream/contracts';
import { type BatchOutcome, type ConsumedMessage, JetStreamConsumer } from '@slipstream/messaging';

import { projectBatch } from '../core/project-batch';
import { ProjectorRegistry } from '../core/projector-registry';
import { PROJECTORS } from './projectors.token';

export const EVENTS_PROJECTION_DURABLE = 'projection-events';

/** One durable consumer over all domain events; its position is the read models' checkpoint. */
@Injectable()
export class EventsConsumer {
  private readonly registry: ProjectorRegistry;

  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseHandle,
    @Inject(PROJECTORS) projectors: ConstructorParameters<typeof ProjectorRegistry>[0],
  ) {
    this.registry = new ProjectorRegistry(projectors);
  }

  @JetStreamConsumer({
    stream: 'EVENTS',
    durable: EVENTS_PROJECTION_DURABLE,
    filterSubject: eventSubjects.all,
    stage: 'projection',
    mode: 'batch',
    batchSize: 5_000,
  })
  handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    return projectBatch(this.clickhouse.client, EVENTS_PROJECTION_DURABLE, messages, this.registry);
  }
}
