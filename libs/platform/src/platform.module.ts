import { type DynamicModule, Global, Module } from '@nestjs/common';

import {
  applyMigrations,
  CLICKHOUSE,
  type ClickHouseHandle,
  ClickHouseModule,
  type Migration,
} from '@slipstream/clickhouse';
import {
  DEFAULT_CONSUMER_DEFAULTS,
  DEFAULT_PUBLISHER_OPTIONS,
  MessagingModule,
  type MessagingOptions,
} from '@slipstream/messaging';

import { type BaseConfig, type ClickHouseConfig, type ConsumerConfig } from './config/env-schemas';
import { APP_CONFIG } from './config/load-config';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { MetricsService } from './metrics/metrics.service';

export const CLICKHOUSE_MIGRATIONS = Symbol('CLICKHOUSE_MIGRATIONS');

export interface PlatformOptions {
  /** Names the NATS connection and the logs. */
  serviceName: string;
  config: BaseConfig &
    Partial<ConsumerConfig> &
    Partial<ClickHouseConfig> & { PROJECTION_FLUSH_INTERVAL_MS?: number };
  /** When given, ClickHouse is connected and these migrations are applied at start (unless disabled). */
  clickhouseMigrations?: Migration[];
}

@Global()
@Module({})
export class ConfigHolderModule {
  static forRoot(config: object): DynamicModule {
    return {
      module: ConfigHolderModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

/**
 * The shell every service shares: validated config, one NATS connection, ClickHouse when needed,
 * health and metrics endpoints. Feature modules are imported beside it.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    const imports: DynamicModule['imports'] = [
      ConfigHolderModule.forRoot(config),
      MetricsModule,
      MessagingModule.forRootAsync({
        inject: [],
        observerToken: MetricsService as unknown as symbol,
        useFactory: (): MessagingOptions => ({
          connection: {
            url: config.NATS_URL,
            user: config.NATS_USER,
            password: config.NATS_PASSWORD,
            name: `slipstream-${options.serviceName}`,
          },
          provision: config.NATS_PROVISION,
          consumers: {
            ...DEFAULT_CONSUMER_DEFAULTS,
            batchSize: config.CONSUMER_BATCH_SIZE ?? DEFAULT_CONSUMER_DEFAULTS.batchSize,
            maxDeliver: config.CONSUMER_MAX_DELIVER ?? DEFAULT_CONSUMER_DEFAULTS.maxDeliver,
            ackWaitMs: config.CONSUMER_ACK_WAIT_MS ?? DEFAULT_CONSUMER_DEFAULTS.ackWaitMs,
            // How long a fetch waits to fill a batch: at low traffic, about one insert per interval.
            fetchExpiresMs: config.PROJECTION_FLUSH_INTERVAL_MS ?? DEFAULT_CONSUMER_DEFAULTS.fetchExpiresMs,
          },
          publisher: DEFAULT_PUBLISHER_OPTIONS,
        }),
      }),
    ];
    const providers: DynamicModule['providers'] = [];
    if (options.clickhouseMigrations) {
      const migrations = options.clickhouseMigrations;
      imports.push(
        ClickHouseModule.forRootAsync({
          inject: [],
          useFactory: () => ({
            url: config.CLICKHOUSE_URL,
            username: config.CLICKHOUSE_USER,
            password: config.CLICKHOUSE_PASSWORD,
            database: config.CLICKHOUSE_DATABASE ?? 'slipstream',
            chdbPath: config.CHDB_PATH ?? '.slipstream/chdb',
          }),
        }),
      );
      // Resolved before any consumer starts, so projections never write to a table that is not there yet.
      providers.push({
        provide: CLICKHOUSE_MIGRATIONS,
        inject: [CLICKHOUSE],
        useFactory: async (clickhouse: ClickHouseHandle) =>
          config.CLICKHOUSE_MIGRATE === false ? null : applyMigrations(clickhouse.client, migrations),
      });
    }
    imports.push(HealthModule);
    return {
      module: PlatformModule,
      global: true,
      imports,
      providers,
      exports: providers.length ? [CLICKHOUSE_MIGRATIONS] : [],
    };
  }
}
