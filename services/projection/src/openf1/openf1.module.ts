import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
// Not re-exported by @nestjs/core's index; providing it through a factory is how the prefix can
// come from the validated configuration instead of being fixed when the module is declared.
import { ROUTES } from '@nestjs/core/router/router-module';

import { APP_CONFIG } from '@slipstream/platform';

import { OpenF1Controller } from './openf1.controller';
import { OpenF1Service } from './openf1.service';
import { QueryStoreModule } from '../query-store/query-store.module';

@Module({ imports: [QueryStoreModule], controllers: [OpenF1Controller], providers: [OpenF1Service] })
export class OpenF1Module {}

/**
 * The OpenF1 API under `OPENF1_PATH_PREFIX` (default `/v1`, as api.openf1.org). In the all-in-one
 * the live gateway shares the HTTP server; a prefix such as `/openf1/v1` keeps them apart.
 */
@Module({
  imports: [
    OpenF1Module,
    {
      module: RouterModule,
      providers: [
        {
          provide: ROUTES,
          inject: [APP_CONFIG],
          useFactory: (config: { OPENF1_PATH_PREFIX?: string }) => [
            { path: config.OPENF1_PATH_PREFIX ?? '/v1', module: OpenF1Module },
          ],
        },
      ],
    },
  ],
})
export class OpenF1ApiModule {}
