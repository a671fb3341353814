import { type IncomingMessage, type ServerResponse } from 'node:http';

import { type Logger } from 'pino';

/**
 * How long a client may take to send a request body once its headers are in. Bodies here are small
 * (JSON capped at 100 KB), so this is generous; without it a `Content-Length` larger than the body
 * sent holds the request (and a body parser) until Node's five-minute request timeout.
 */
export const BODY_TIMEOUT_MS = 10_000;

/** Express middleware: answers 408 and closes the connection when a body does not arrive in time. */
export function bodyTimeout(logger: Logger, timeoutMs = BODY_TIMEOUT_MS) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (!hasBody(request)) return next();
    const timer = setTimeout(() => {
      if (request.complete || response.headersSent) return;
      logger.warn(
        { method: request.method, path: request.url?.split('?')[0] },
        'request body not received in time',
      );
      response.writeHead(408, { 'content-type': 'application/json', connection: 'close' });
      response.end(
        JSON.stringify({ statusCode: 408, message: `request body not received within ${timeoutMs} ms` }),
      );
      response.once('finish', () => request.socket.destroy());
    }, timeoutMs);
    const clear = () => clearTimeout(timer);
    request.once('end', clear);
    response.once('close', clear);
    next();
  };
}

function hasBody(request: IncomingMessage): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}
