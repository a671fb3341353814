import { type NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

import { type JetStreamPublisher } from '../publisher';
import { JetStreamPublisherToken } from './publisher.provider';
import { NATS_CONNECTION } from './tokens';

/** Drains the connection last, after consumers stopped and pending publishes were acked. */
@Injectable()
export class NatsLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('NatsLifecycle');

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(JetStreamPublisherToken) private readonly publisher: JetStreamPublisher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.nc.isClosed()) return;
    await this.publisher
      .flush()
      .catch((error: unknown) => this.logger.warn(`flush before drain failed: ${String(error)}`));
    await this.nc.drain();
  }

  /** Readiness: connected and the server answers a round trip. */
  async check(): Promise<{ ok: boolean; detail: string }> {
    if (this.nc.isClosed()) return { ok: false, detail: 'connection closed' };
    try {
      const rtt = await this.nc.rtt();
      return { ok: true, detail: `rtt ${rtt}ms` };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
