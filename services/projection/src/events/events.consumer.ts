import { Inject, Injectable } from '@nestjs/common';

import { CLICKHOUSE, type ClickHouseHandle } from '@slipstream/clickhouse';
import { DURABLE_CONSUMERS } from '@slipstream/contracts';
import { type BatchOutcome, type ConsumedMessage, JetStreamConsumer } from '@slipstream/messaging';
import { APP_CONFIG } from '@slipstream/platform';

import { type ProjectionConfig } from '../config/config.schema';
import { projectBatch } from '../core/project-batch';
import { ProjectorRegistry } from '../core/projector-registry';
import { PROJECTORS } from './projectors.token';

/** One durable consumer over all domain events; its position is the read models' checkpoint. */
@Injectable()
export class EventsConsumer {
  private readonly registry: ProjectorRegistry;

  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseHandle,
    @Inject(PROJECTORS) projectors: ConstructorParameters<typeof ProjectorRegistry>[0],
    @Inject(APP_CONFIG) private readonly config: Pick<ProjectionConfig, 'PROJECTION_BATCH_MAX_ROWS'>,
  ) {
    this.registry = new ProjectorRegistry(projectors);
  }

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.projectionEvents, mode: 'batch' })
  handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    return projectBatch(
      this.clickhouse.client,
      DURABLE_CONSUMERS.projectionEvents.durable,
      messages,
      this.registry,
      this.config.PROJECTION_BATCH_MAX_ROWS,
    );
  }
}
