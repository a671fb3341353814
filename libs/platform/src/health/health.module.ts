import { Global, Module, type OnModuleInit, Optional } from '@nestjs/common';

import { ClickHouseLifecycle } from '@slipstream/clickhouse';
import { JetStreamReadiness, NatsLifecycle } from '@slipstream/messaging';

import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Global()
@Module({ controllers: [HealthController], providers: [HealthService], exports: [HealthService] })
export class HealthModule implements OnModuleInit {
  constructor(
    private readonly health: HealthService,
    private readonly nats: NatsLifecycle,
    private readonly jetstream: JetStreamReadiness,
    @Optional() private readonly clickhouse?: ClickHouseLifecycle,
  ) {}

  onModuleInit(): void {
    this.health.register('nats', () => this.nats.check());
    // Streams and consumers the provisioning Job may not have created yet (docs/deploy.md).
    this.health.register('jetstream', async () => this.jetstream.check());
    if (this.clickhouse) this.health.register('clickhouse', () => this.clickhouse!.check());
  }
}
