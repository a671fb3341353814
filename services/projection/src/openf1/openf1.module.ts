import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
// Not re-exported by @nestjs/core's index; providing it through a factory is how the prefix can
// come from the validated configuration instead of being fixed when the module is declared.
import { ROUTES } from '@nestjs/core/router/router-module';

import { APP_CONFIG } from '@slipstream/platform';

import { QueryStoreModule } from '../query-store/query-store.module';
import { OpenF1Controller } from './openf1.controller';
import { OPENF1_LIMITS, OpenF1Service } from './openf1.service';
import { DEFAULT_OPENF1_LIMITS, type OpenF1Limits } from './response-limits';

interface LimitsConfig {
  OPENF1_MAX_ROWS?: number;
  OPENF1_MAX_CONCURRENT_QUERIES?: number;
  OPENF1_MAX_QUEUED_QUERIES?: number;
  OPENF1_QUERY_TIMEOUT_SECONDS?: number;
}

/** The limits from the validated configuration; the all-in-one's schema includes projection's. */
function limitsOf(config: LimitsConfig): OpenF1Limits {
  return {
    maxRows: config.OPENF1_MAX_ROWS ?? DEFAULT_OPENF1_LIMITS.maxRows,
    maxConcurrentQueries: config.OPENF1_MAX_CONCURRENT_QUERIES ?? DEFAULT_OPENF1_LIMITS.maxConcurrentQueries,
    maxQueuedQueries: config.OPENF1_MAX_QUEUED_QUERIES ?? DEFAULT_OPENF1_LIMITS.maxQueuedQueries,
    queryTimeoutSeconds: config.OPENF1_QUERY_TIMEOUT_SECONDS ?? DEFAULT_OPENF1_LIMITS.queryTimeoutSeconds,
  };
}

@Module({
  imports: [QueryStoreModule],
  controllers: [OpenF1Controller],
  providers: [OpenF1Service, { provide: OPENF1_LIMITS, inject: [APP_CONFIG], useFactory: limitsOf }],
})
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
