import { Module } from '@nestjs/common';

import { TelemetryConsumer } from './telemetry.consumer';

@Module({ providers: [TelemetryConsumer] })
export class TelemetryProjectionModule {}
