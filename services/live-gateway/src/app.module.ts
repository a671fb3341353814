import { type DynamicModule, Module } from '@nestjs/common';

import { PlatformModule } from '@slipstream/platform';

import { type LiveGatewayConfig } from './config/config.schema';
import { LiveGatewayModule } from './live-gateway.module';

@Module({})
export class AppModule {
  static forRoot(config: LiveGatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ serviceName: 'live-gateway', config }), LiveGatewayModule],
    };
  }
}
