import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';

import { type ClickHouseHandle, type ClickHouseOptions, createClickHouse } from '../client-factory';

export const CLICKHOUSE = Symbol('CLICKHOUSE');

/** Closes the client after consumers stopped (their batches are inserted before they ack). */
@Injectable()
export class ClickHouseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseHandle) {}

  async onApplicationShutdown(): Promise<void> {
    await this.clickhouse.close();
  }

  async check(): Promise<{ ok: boolean; detail: string }> {
    const result = await this.clickhouse.client.ping().catch((error: unknown) => ({ success: false, error }));
    return result.success
      ? { ok: true, detail: `${this.clickhouse.mode} ${this.clickhouse.database}` }
      : { ok: false, detail: String((result as { error?: unknown }).error) };
  }
}

@Global()
@Module({})
export class ClickHouseModule {
  static forRootAsync(options: {
    inject: Array<string | symbol>;
    useFactory: (...args: never[]) => ClickHouseOptions;
  }): DynamicModule {
    return {
      module: ClickHouseModule,
      providers: [
        {
          provide: CLICKHOUSE,
          inject: options.inject,
          useFactory: (...args: never[]) => createClickHouse(options.useFactory(...args)),
        },
        ClickHouseLifecycle,
      ],
      exports: [CLICKHOUSE, ClickHouseLifecycle],
    };
  }
}
