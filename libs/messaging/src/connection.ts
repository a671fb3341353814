import { connect, type NatsConnection } from '@nats-io/transport-node';

export interface NatsConnectionOptions {
  url: string;
  user?: string;
  password?: string;
  /** Shown in the server's connection list (`nats server report connections`). */
  name: string;
}

/** Connects with reconnects forever: a restarted nats-server must not take a service down. */
export async function connectToNats(options: NatsConnectionOptions): Promise<NatsConnection> {
  return connect({
    servers: options.url.split(',').map((server) => server.trim()),
    user: options.user || undefined,
    pass: options.password || undefined,
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    pingInterval: 10_000,
    // nats.js otherwise builds an Error (a stack trace) for every request and JetStream publish
    // ahead of a possible failure: 11% of the all-in-one's CPU during a replay (docs/benchmarks.md).
    // Failures still carry their message and cause; only the caller's async frames are lost.
    noAsyncTraces: true,
  });
}
