import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';

import { APP_CONFIG } from '@slipstream/platform';

import { type LiveGatewayConfig } from '../config/config.schema';
import { sameSecret } from '../socket/socket-servers.service';

/** With GATEWAY_AUTH_TOKEN set, the HTTP API asks for the same token the sockets do. */
@Injectable()
export class GatewayTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: LiveGatewayConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.GATEWAY_AUTH_TOKEN;
    if (!expected) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; query?: Record<string, unknown> }>();
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ')
      ? header.slice('Bearer '.length)
      : String(request.query?.token ?? '');
    if (sameSecret(expected, presented)) return true;
    throw new UnauthorizedException('a valid token is required: Authorization: Bearer <token> or ?token=');
  }
}
