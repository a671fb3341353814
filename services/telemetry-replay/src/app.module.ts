import { type DynamicModule, Module } from '@nestjs/common';

import { PlatformModule } from '@slipstream/platform';

import { type TelemetryReplayConfig } from './config/config.schema';
import { TelemetryReplayModule } from './telemetry-replay.module';

@Module({})
export class AppModule {
  static forRoot(config: TelemetryReplayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ serviceName: 'telemetry-replay', config }), TelemetryReplayModule],
    };
  }
}
