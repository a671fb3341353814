import { type DynamicModule, Module } from '@nestjs/common';

import { IngestionModule } from '@slipstream/ingestion';
import { LiveGatewayModule } from '@slipstream/live-gateway';
import { NormalizationModule } from '@slipstream/normalization';
import { PlatformModule } from '@slipstream/platform';
import { allMigrations, ProjectionModule } from '@slipstream/projection';
import { TelemetryReplayModule } from '@slipstream/telemetry-replay';

import { type AllInOneConfig } from './config.schema';

/**
 * All five services in one process for local use: one NATS connection, one embedded ClickHouse
 * (chDB allows one data directory per process), the same feature modules as the Deployments.
 */
@Module({})
export class AllInOneModule {
  static forRoot(config: AllInOneConfig): DynamicModule {
    return {
      module: AllInOneModule,
      imports: [
        PlatformModule.forRoot({ serviceName: 'all-in-one', config, clickhouseMigrations: allMigrations }),
        IngestionModule,
        TelemetryReplayModule,
        NormalizationModule,
        ProjectionModule,
        LiveGatewayModule,
      ],
    };
  }
}
