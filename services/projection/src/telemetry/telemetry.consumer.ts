import { Inject, Injectable } from '@nestjs/common';

import { CLICKHOUSE, type ClickHouseHandle } from '@slipstream/clickhouse';
import { DURABLE_CONSUMERS } from '@slipstream/contracts';
import { type BatchOutcome, type ConsumedMessage, JetStreamConsumer } from '@slipstream/messaging';

import { projectTelemetryBatch } from './telemetry-batch';

export const TELEMETRY_PROJECTION_DURABLE = DURABLE_CONSUMERS.projectionTelemetry.durable;

/**
 * Car data and positions into ClickHouse. Its own durable, apart from the domain events, so a
 * telemetry backlog never delays laps or race control; large batches because ClickHouse wants
 * few big inserts and a session sends thousands of small messages a minute.
 */
@Injectable()
export class TelemetryConsumer {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseHandle) {}

  @JetStreamConsumer({ ...DURABLE_CONSUMERS.projectionTelemetry, mode: 'batch' })
  handle(messages: ConsumedMessage[]): Promise<BatchOutcome> {
    return projectTelemetryBatch(this.clickhouse.client, TELEMETRY_PROJECTION_DURABLE, messages);
  }
}
