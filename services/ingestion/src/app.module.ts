import { type DynamicModule, Module } from '@nestjs/common';

import { PlatformModule } from '@slipstream/platform';

import { type IngestionConfig } from './config/config.schema';
import { IngestionModule } from './ingestion.module';

@Module({})
export class AppModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ serviceName: 'ingestion', config }), IngestionModule],
    };
  }
}
