import { Module } from '@nestjs/common';

import { registerReadModel } from '../events/read-model.registration';
import { OpenF1ApiModule } from '../openf1/openf1.module';
import { TelemetryProjectionModule } from '../telemetry/telemetry.module';
import { sessionReadModels } from './sessions.read-models';

/**
 * Live-timing sessions: the session projectors, the telemetry projection beside them, and their
 * query API (OpenF1).
 */
@Module({
  imports: [TelemetryProjectionModule, OpenF1ApiModule],
  providers: [registerReadModel('sessions', sessionReadModels)],
})
export class SessionReadModelsModule {}
