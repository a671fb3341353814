import {
  HttpTransportType,
  type HubConnection,
  HubConnectionBuilder,
  type IHttpConnectionOptions,
  type ILogger,
  LogLevel,
} from '@microsoft/signalr';

import { accessError } from '@slipstream/livetiming-access';
import { type AccessToken, redactToken } from '@slipstream/livetiming-access';
import { proxyAgentFor } from '@slipstream/livetiming-access';
import { backoffDelay, sleep } from '@slipstream/messaging';

import { AgentHttpClient } from './agent-http-client';
import { webSocketThrough } from './websocket-through';

export interface FeedCall {
  topic: string;
  data: unknown;
  /** F1's send time, when the invocation carries it. */
  timestamp?: string;
}

/** What the client hands on, one after another and in arrival order. */
export type LiveFeedEvent =
  | { kind: 'snapshot'; state: Record<string, unknown>; receivedAt: Date }
  | { kind: 'feed'; call: FeedCall; receivedAt: Date }
  | { kind: 'closed' };

export interface LiveFeedStatus {
  state: 'connecting' | 'connected' | 'disconnected';
  attempt: number;
  /** Why the last attempt ended; never contains the token. */
  error?: string;
}

export interface LiveFeedClientOptions {
  /** The hub: `https://livetiming.formula1.com/signalrcore`. */
  url: string;
  topics: readonly string[];
  token?: AccessToken;
  onEvent: (event: LiveFeedEvent) => Promise<void> | void;
  onError?: (error: unknown, event: LiveFeedEvent) => void;
  onStatus?: (status: LiveFeedStatus) => void;
  /** The library's own warnings and errors, token removed. */
  onLibraryLog?: (message: string) => void;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** No message or ping from the hub for this long means the connection is dead. */
  serverTimeoutMs?: number;
  /** For HTTPS_PROXY / NO_PROXY; process.env by default. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Stays subscribed to F1's ASP.NET Core SignalR hub through the official client. Reconnects are
 * ours (capped backoff with jitter), not `withAutomaticReconnect`'s: that one does not retry a
 * refused first `start()`, and every connection must subscribe again for a fresh snapshot anyway.
 */
export class LiveFeedClient {
  private stopped = false;
  private readonly abort = new AbortController();
  private loop?: Promise<void>;
  private connection?: HubConnection;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: LiveFeedClientOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.connection?.stop().catch(() => undefined);
    await this.loop;
    await this.chain;
  }

  private async run(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      this.options.onStatus?.({ state: 'connecting', attempt });
      try {
        await this.connectOnce(() => (attempt = 0));
        this.options.onStatus?.({ state: 'disconnected', attempt });
      } catch (error) {
        if (this.stopped) return;
        this.options.onStatus?.({ state: 'disconnected', attempt, error: this.describe(error) });
      }
      if (this.stopped) return;
      const delay = backoffDelay(
        Math.max(1, attempt),
        this.options.reconnectBaseMs ?? 1_000,
        this.options.reconnectMaxMs ?? 60_000,
      );
      await sleep(delay, this.abort.signal);
    }
  }

  /** One connection: negotiate, connect, subscribe, then feed until it closes. */
  private async connectOnce(onConnected: () => void): Promise<void> {
    const { url, token } = this.options;
    let refusedWith: number | undefined;
    const noteStatus = (status: number) => {
      if (status === 401 || status === 403) refusedWith = status;
    };
    const agent = proxyAgentFor(url, this.options.env);
    const connection = new HubConnectionBuilder()
      .withUrl(url, {
        transport: HttpTransportType.WebSockets,
        accessTokenFactory: token ? () => token.value : undefined,
        httpClient: new AgentHttpClient(agent, noteStatus),
        WebSocket: webSocketThrough(agent, noteStatus),
        logMessageContent: false,
        // Honoured by the library in Node, though not in its typings.
      } as IHttpConnectionOptions)
      .configureLogging(this.libraryLogger())
      .build();
    connection.serverTimeoutInMilliseconds = this.options.serverTimeoutMs ?? 30_000;
    connection.keepAliveIntervalInMilliseconds = Math.min(15_000, connection.serverTimeoutInMilliseconds / 2);
    this.connection = connection;

    // The completion of Subscribe can resolve after feed calls the hub sent behind it have reached
    // this handler (they can share one frame): hold them until the snapshot is placed.
    let placed = false;
    const held: LiveFeedEvent[] = [];
    connection.on('feed', (topic: unknown, data: unknown, timestamp: unknown) => {
      if (typeof topic !== 'string') return;
      const event: LiveFeedEvent = {
        kind: 'feed',
        call: { topic, data, timestamp: typeof timestamp === 'string' ? timestamp : undefined },
        receivedAt: new Date(),
      };
      if (placed) this.enqueue(event);
      else held.push(event);
    });
    const closed = new Promise<Error | undefined>((resolve) => connection.onclose(resolve));
    try {
      await connection.start();
    } catch (error) {
      throw (refusedWith && accessError(refusedWith, 'the live-timing hub', token)) || error;
    }
    if (this.stopped) return void (await connection.stop());
    onConnected();
    this.options.onStatus?.({ state: 'connected', attempt: 0 });
    try {
      const state: unknown = await connection.invoke('Subscribe', this.options.topics);
      this.enqueue({ kind: 'snapshot', state: isRecord(state) ? state : {}, receivedAt: new Date() });
      for (const event of held.splice(0)) this.enqueue(event);
      placed = true;
    } catch (error) {
      await connection.stop().catch(() => undefined);
      this.enqueue({ kind: 'closed' });
      throw error;
    }
    const error = await closed;
    this.enqueue({ kind: 'closed' });
    if (error && !this.stopped) throw error;
  }

  private enqueue(event: LiveFeedEvent): void {
    this.chain = this.chain
      .then(() => this.options.onEvent(event))
      .catch((error: unknown) => this.options.onError?.(error, event));
  }

  private describe(error: unknown): string {
    return redactToken(error instanceof Error ? error.message : String(error), this.options.token);
  }

  private libraryLogger(): ILogger {
    return {
      log: (level: LogLevel, message: string) => {
        if (level >= LogLevel.Warning && level !== LogLevel.None)
          this.options.onLibraryLog?.(redactToken(message, this.options.token));
      },
    };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
