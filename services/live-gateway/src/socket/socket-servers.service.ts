import { timingSafeEqual } from 'node:crypto';
import { type Server as HttpServer } from 'node:http';

import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type Namespace, Server, type Socket } from 'socket.io';
import * as msgpackParser from 'socket.io-msgpack-parser';

import {
  LIVE_FEED_CLIENT_EVENTS,
  LIVE_FEED_NAMESPACE,
  LIVE_FEED_SERVER_EVENTS,
  LIVE_FEED_SOCKET_PATHS,
} from '@slipstream/contracts';
import { APP_CONFIG } from '@slipstream/platform';

import { type LiveGatewayConfig } from '../config/config.schema';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { SubscriptionService } from '../subscriptions/subscription.service';
import { connectionError } from './client-errors';
import { guardClientMessages } from './client-message-guard';
import { handshakeRateLimit } from './handshake-rate-limit';

/**
 * Socket.io parsers are per server, so msgpack gets a second server on its own path, sharing the
 * HTTP listener, the namespace name, the rooms' names and the hub.
 */
export type ParserName = keyof typeof LIVE_FEED_SOCKET_PATHS;

/** Hard cap engine.io enforces by closing the connection; the friendlier limit is GATEWAY_MAX_PAYLOAD_BYTES. */
const MAX_HTTP_BUFFER_BYTES = 64 * 1024;

/**
 * Attaches Socket.io to Nest's own HTTP server at bootstrap, instead of a `@WebSocketGateway` with
 * an adapter: the all-in-one app gets it without a `useWebSocketAdapter` call in its `main.ts`, and
 * the gateway controls both servers' options (parser, path, CORS, buffer sizes) in one place.
 */
@Injectable()
export class SocketServers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveSockets');
  private readonly servers: Array<{ parser: ParserName; io: Server; live: Namespace }> = [];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: LiveGatewayConfig,
    private readonly subscriptions: SubscriptionService,
    private readonly metrics: GatewayMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    const origins = this.config.GATEWAY_CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    // One budget per client across both servers.
    const handshakes = this.config.RATE_LIMIT_ENABLED
      ? handshakeRateLimit(
          {
            perSecond: this.config.GATEWAY_HANDSHAKES_PER_SECOND,
            burst: this.config.GATEWAY_HANDSHAKE_BURST,
            trustedProxyHops: this.config.RATE_LIMIT_TRUSTED_PROXY_HOPS,
          },
          () => this.metrics.rejected.inc({ reason: 'handshake_rate_limited' }),
        )
      : null;
    for (const parser of Object.keys(LIVE_FEED_SOCKET_PATHS) as ParserName[]) {
      const io = new Server(httpServer, {
        path: LIVE_FEED_SOCKET_PATHS[parser],
        ...(parser === 'msgpack' ? { parser: msgpackParser } : {}),
        // The JSON server serves the browser client (socket.io.min.js) the dashboard loads.
        serveClient: parser === 'json',
        cors: { origin: origins.includes('*') ? '*' : origins },
        maxHttpBufferSize: MAX_HTTP_BUFFER_BYTES,
      });
      if (handshakes) io.engine.use(handshakes);
      const live = io.of(LIVE_FEED_NAMESPACE);
      live.use((socket, next) => next(this.admit(socket)));
      live.on('connection', (socket) => this.connected(socket, parser));
      this.servers.push({ parser, io, live });
    }
    this.logger.log({
      msg: 'live feed listening',
      namespace: LIVE_FEED_NAMESPACE,
      paths: LIVE_FEED_SOCKET_PATHS,
    });
  }

  /** Closes the sockets but not the HTTP server, which Nest closes after this. */
  beforeApplicationShutdown(): void {
    for (const { io } of this.servers) {
      io.disconnectSockets(true);
      io.engine.close();
    }
  }

  namespaces(): Namespace[] {
    return this.servers.map(({ live }) => live);
  }

  connectionCount(): number {
    return this.servers.reduce((sum, { live }) => sum + live.sockets.size, 0);
  }

  private admit(socket: Socket): Error | undefined {
    const token = this.config.GATEWAY_AUTH_TOKEN;
    if (token && !sameSecret(token, presentedToken(socket))) {
      this.metrics.rejected.inc({ reason: 'unauthorized' });
      return connectionError(
        'unauthorized',
        'a valid token is required: pass it as auth.token or an Authorization: Bearer header',
      );
    }
    const max = this.config.GATEWAY_MAX_CONNECTIONS;
    if (this.connectionCount() >= max) {
      this.metrics.rejected.inc({ reason: 'too_many_connections' });
      return connectionError(
        'too_many_connections',
        `this gateway serves at most ${max} connections; retry later or elsewhere`,
      );
    }
    return undefined;
  }

  private connected(socket: Socket, parser: ParserName): void {
    this.metrics.connectedClients.inc({ parser });
    guardClientMessages(
      socket,
      {
        maxPayloadBytes: this.config.GATEWAY_MAX_PAYLOAD_BYTES,
        maxEventsPerSecond: this.config.GATEWAY_MAX_EVENTS_PER_SECOND,
      },
      (refused) => this.metrics.rejected.inc({ reason: refused.error.code }),
    );
    // One subscribe at a time per socket, so replies and catch-ups never interleave.
    let queue = Promise.resolve();
    const serially = (work: () => Promise<void> | void) => {
      queue = queue
        .then(work)
        .catch((error: unknown) => this.logger.error({ msg: 'subscription failed', err: String(error) }));
    };
    socket.on(LIVE_FEED_CLIENT_EVENTS.subscribe, (...args: unknown[]) => {
      const { request, reply } = requestAndReply(socket, LIVE_FEED_SERVER_EVENTS.subscribed, args);
      serially(() => this.subscriptions.subscribe(socket, request, reply));
    });
    socket.on(LIVE_FEED_CLIENT_EVENTS.unsubscribe, (...args: unknown[]) => {
      const { request, reply } = requestAndReply(socket, LIVE_FEED_SERVER_EVENTS.unsubscribed, args);
      serially(() => this.subscriptions.unsubscribe(socket, request, reply));
    });
    socket.on('disconnect', () => {
      this.metrics.connectedClients.dec({ parser });
      this.subscriptions.disconnected(socket);
    });
  }
}

/**
 * The request and how to answer it: through the acknowledgement when the client asked for one,
 * else as an event. The acknowledgement is the last argument, so `emitWithAck('subscribe')`
 * without a payload has it first: it still gets its answer (an error naming the missing request).
 */
function requestAndReply(
  socket: Socket,
  event: string,
  args: unknown[],
): { request: unknown; reply: (reply: unknown) => void } {
  const ack = args.at(-1);
  if (typeof ack !== 'function') return { request: args[0], reply: (reply) => socket.emit(event, reply) };
  return {
    request: args.length > 1 ? args[0] : undefined,
    reply: (reply) => (ack as (reply: unknown) => void)(reply),
  };
}

function presentedToken(socket: Socket): string {
  const auth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof auth === 'string') return auth;
  const header = socket.handshake.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
}

export function sameSecret(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
