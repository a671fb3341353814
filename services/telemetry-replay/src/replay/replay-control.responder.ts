import { type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

import { controlSubjects } from '@slipstream/contracts';
import { decodeJson, encodeJson, NATS_CONNECTION } from '@slipstream/messaging';

import { ReplayService } from './replay.service';
import { type ControlRequest, controlRequestSchema } from './replay-request.schemas';

/**
 * The same controls as the HTTP API over NATS request-reply on `slipstream.control.replay`, for
 * operators and tools already on the bus. Replies are `{ ok: true, result }` or `{ ok: false, error }`.
 * A queue group makes one replay instance answer each request.
 */
@Injectable()
export class ReplayControlResponder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReplayControl');
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly replays: ReplayService,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nc.subscribe(controlSubjects.replay, {
      queue: 'telemetry-replay',
      callback: (error, message) => {
        if (error) return this.logger.warn({ msg: 'control subscription error', err: String(error) });
        void this.answer(message.data).then((reply) => message.respond(encodeJson(reply)));
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  private async answer(
    data: Uint8Array,
  ): Promise<{ ok: true; result: unknown } | { ok: false; error: string }> {
    try {
      const request = controlRequestSchema.parse(decodeJson(data));
      return { ok: true, result: await this.execute(request) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private execute(request: ControlRequest): unknown {
    switch (request.action) {
      case 'list':
        return this.replays.list();
      case 'start':
        return this.replays.start(request);
      case 'status':
        return this.replays.view(request.id);
      case 'pause':
        return this.replays.pause(request.id);
      case 'resume':
        return this.replays.resume(request.id);
      case 'stop':
        return this.replays.stop(request.id);
      case 'speed':
        return this.replays.setSpeed(request.id, request.speed);
      case 'seek':
        return this.replays.seek(request.id, request);
    }
  }
}
