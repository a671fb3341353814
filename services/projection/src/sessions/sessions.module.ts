import { Module } from '@nestjs/common';

import { OpenF1ApiModule } from '../openf1/openf1.module';
import { TelemetryProjectionModule } from '../telemetry/telemetry.module';

/** Live-timing sessions: the telemetry projection beside the event projectors, and their query API. */
@Module({ imports: [TelemetryProjectionModule, OpenF1ApiModule] })
export class SessionReadModelsModule {}
