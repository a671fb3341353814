import { type IncomingMessage, ServerResponse } from 'node:http';
import { type Socket as NetSocket } from 'node:net';

import { clientIp, rateLimitHeaders, TokenBucketLimiter } from '@slipstream/platform';

export interface HandshakeLimit {
  perSecond: number;
  burst: number;
  trustedProxyHops: number;
}

/** Engine.io hands its middlewares the request, a response (a stand-in for WebSocket upgrades) and `next`. */
type EngineMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: Error) => void,
) => void;

/**
 * Rate-limits new Socket.io connections per client IP, at engine.io's handshake: before a session,
 * a transport or a namespace exists. Only a handshake takes a token (a request without `sid`);
 * the polling requests and the WebSocket upgrade of an open session are that session's own
 * traffic. A refusal is an HTTP 429 with `Retry-After` on both transports, so a client backs off
 * as socket.io-client's reconnection does; an accepted handshake carries the `RateLimit-*` headers.
 */
export function handshakeRateLimit(limit: HandshakeLimit, onRefused: () => void): EngineMiddleware {
  const policy = { perSecond: limit.perSecond, burst: limit.burst };
  const limiter = new TokenBucketLimiter(policy);
  return (request, response, next) => {
    const query = (request as IncomingMessage & { _query?: Record<string, string> })._query;
    if (query?.sid) return next();
    const decision = limiter.take(clientIp(request, limit.trustedProxyHops), Date.now());
    const headers = rateLimitHeaders(decision, policy);
    if (decision.allowed) {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      return next();
    }
    onRefused();
    const body = JSON.stringify({
      code: 'rate_limited',
      message: `too many new connections from this address; retry after ${decision.retryAfterSeconds} s`,
    });
    if (response instanceof ServerResponse) {
      response.writeHead(429, { ...headers, 'content-type': 'application/json' });
      response.end(body);
    } else {
      refuseUpgrade((response as { socket: NetSocket }).socket, headers, body);
    }
  };
}

/** An upgrade has no ServerResponse: the status line and headers are written to the socket itself. */
function refuseUpgrade(socket: NetSocket, headers: Record<string, string>, body: string): void {
  if (!socket.writable) return void socket.destroy();
  const lines = Object.entries({
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  })
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  socket.end(`HTTP/1.1 429 Too Many Requests\r\n${lines}\r\n\r\n${body}`);
}
