import { type DynamicModule, Module } from '@nestjs/common';

import { PlatformModule } from '@slipstream/platform';

import { type NormalizationConfig } from './config/config.schema';
import { NormalizationModule } from './normalization.module';

@Module({})
export class AppModule {
  static forRoot(config: NormalizationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ serviceName: 'normalization', config }), NormalizationModule],
    };
  }
}
