import { type DynamicModule, Module } from '@nestjs/common';

import { PlatformModule } from '@slipstream/platform';

import { type ProjectionConfig } from './config/config.schema';
import { ProjectionModule } from './projection.module';
import { allMigrations } from './projectors';

@Module({})
export class AppModule {
  static forRoot(config: ProjectionConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: 'projection', config, clickhouseMigrations: allMigrations }),
        ProjectionModule,
      ],
    };
  }
}
