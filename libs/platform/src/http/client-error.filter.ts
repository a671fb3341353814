import { type ArgumentsHost, Catch, type HttpServer, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * Errors a client caused before a handler ran: a body over the size limit (413), a body that is
 * not valid gzip or JSON, a body the client stopped sending. They come from the body parser as
 * `http-errors` objects, which Nest answers correctly but logs at error level with a stack trace,
 * as if the server were broken. They are the client's mistake: answered the same, logged at warn
 * in one line without a stack. Everything else goes to Nest's own handling.
 */
@Catch()
export class ClientErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('HttpClientError');

  constructor(private readonly server: HttpServer) {
    super(server);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const status = clientErrorStatus(exception);
    if (status === undefined || host.getType() !== 'http') return super.catch(exception, host);
    const http = host.switchToHttp();
    const request = http.getRequest<{ method?: string; originalUrl?: string; url?: string }>();
    const { message, type } = exception as { message: string; type?: string };
    this.logger.warn({
      msg: 'client error',
      status,
      type,
      method: request.method,
      path: pathOf(request),
      error: message,
    });
    const response = http.getResponse<unknown>();
    if (this.server.isHeadersSent(response)) this.server.end(response);
    else this.server.reply(response, { statusCode: status, message }, status);
  }
}

/** The 4xx status of an `http-errors` error (what body-parser throws), or undefined. */
export function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { expose, statusCode } = error as { expose?: unknown; statusCode?: unknown };
  if (typeof expose !== 'boolean' || typeof statusCode !== 'number') return undefined;
  return statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
}

function pathOf(request: { originalUrl?: string; url?: string }): string {
  return (request.originalUrl ?? request.url ?? '').split('?')[0].slice(0, 200);
}
