import { type IncomingHttpHeaders } from 'node:http';

import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';

import { APP_CONFIG } from '@slipstream/platform';

import { type TelemetryReplayConfig } from '../config/config.schema';
import { type ControlPolicy, controlRefusal, isLoopbackHost } from './control-policy';

/** Applies the control policy (see control-policy.ts) to the routes that change a replay. */
@Injectable()
export class ReplayControlGuard implements CanActivate {
  private readonly logger = new Logger('ReplayControl');
  private readonly policy: ControlPolicy;

  constructor(@Inject(APP_CONFIG) config: TelemetryReplayConfig) {
    this.policy = {
      token: config.REPLAY_CONTROL_TOKEN,
      origins: config.REPLAY_CORS_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      loopback: isLoopbackHost(config.HTTP_HOST),
    };
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ method: string; path: string; headers: IncomingHttpHeaders }>();
    const refusal = controlRefusal(
      {
        method: request.method,
        contentType: request.headers['content-type'],
        origin: request.headers.origin,
        host: request.headers.host,
        authorization: request.headers.authorization,
      },
      this.policy,
    );
    if (!refusal) return true;
    this.logger.warn({ msg: 'replay control refused', status: refusal.status, path: request.path });
    throw new HttpException(refusal.message, refusal.status);
  }
}
