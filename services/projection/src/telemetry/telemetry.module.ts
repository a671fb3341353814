import { Module } from '@nestjs/common';

import { TelemetryConsumer } from './telemetry.consumer';

/**
 * The telemetry projection: car data and positions through a consumer of their own, not the events
 * projection's registry. Their tables are migrated with the session read models, whose OpenF1
 * routes (`car_data`, `location`) read them.
 */
@Module({ providers: [TelemetryConsumer] })
export class TelemetryProjectionModule {}
