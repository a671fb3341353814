import WebSocket from 'ws';

import { backoffDelay, sleep } from '@slipstream/messaging';

import {
  connectUrl,
  type FeedCall,
  LIVE_TOPICS,
  negotiateUrl,
  parseHubFrame,
  subscribeFrame,
} from './signalr-protocol';

export interface SignalRClientOptions {
  url: string;
  topics?: readonly string[];
  /** Called for the subscribe snapshot (one call per topic) and every feed call, in arrival order. */
  onMessage: (call: FeedCall, receivedAt: Date, fromSnapshot: boolean) => Promise<void> | void;
  /** A message the handler failed to take (it is lost to RAW unless the handler retries itself). */
  onError?: (error: unknown, call: FeedCall) => void;
  onStatus?: (status: {
    state: 'connecting' | 'connected' | 'disconnected';
    attempt: number;
    error?: string;
  }) => void;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** No frame for this long (the hub sends keep-alives) means the connection is dead. */
  idleTimeoutMs?: number;
}

/** Stays subscribed to the F1 live-timing hub, reconnecting with backoff until stopped. */
export class SignalRLiveClient {
  private socket?: WebSocket;
  private stopped = false;
  private readonly abort = new AbortController();
  private loop?: Promise<void>;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: SignalRClientOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.socket?.close();
    await this.loop;
    await this.chain;
  }

  private async run(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      this.options.onStatus?.({ state: 'connecting', attempt });
      try {
        await this.session(() => (attempt = 0));
        this.options.onStatus?.({ state: 'disconnected', attempt });
      } catch (error) {
        this.options.onStatus?.({
          state: 'disconnected',
          attempt,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (this.stopped) return;
      await sleep(
        backoffDelay(
          Math.max(1, attempt),
          this.options.reconnectBaseMs ?? 1_000,
          this.options.reconnectMaxMs ?? 30_000,
        ),
        this.abort.signal,
      );
    }
  }

  /** One connection, from negotiate until the socket closes. */
  private async session(onConnected: () => void): Promise<void> {
    const negotiate = await fetch(negotiateUrl(this.options.url), { signal: AbortSignal.timeout(15_000) });
    if (!negotiate.ok) throw new Error(`negotiate answered ${negotiate.status}`);
    const { ConnectionToken } = (await negotiate.json()) as { ConnectionToken?: string };
    if (!ConnectionToken) throw new Error('negotiate returned no ConnectionToken');
    const cookie = negotiate.headers.get('set-cookie') ?? undefined;
    const socket = new WebSocket(connectUrl(this.options.url, ConnectionToken), {
      headers: cookie ? { cookie } : {},
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      let idle: NodeJS.Timeout | undefined;
      const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(() => socket.terminate(), this.options.idleTimeoutMs ?? 60_000);
      };
      socket.on('open', () => {
        touch();
        onConnected();
        this.options.onStatus?.({ state: 'connected', attempt: 0 });
        socket.send(subscribeFrame(this.options.topics ?? LIVE_TOPICS, 1));
      });
      socket.on('message', (data) => {
        touch();
        const receivedAt = new Date();
        let frame;
        try {
          frame = parseHubFrame(data.toString());
        } catch {
          return; // not JSON: nothing to ingest
        }
        // Handled one after another so RAW keeps arrival order.
        if (frame.kind === 'snapshot') {
          for (const [topic, state] of Object.entries(frame.state))
            this.enqueue({ topic, data: state }, receivedAt, true);
        } else if (frame.kind === 'feed') {
          for (const call of frame.calls) this.enqueue(call, receivedAt, false);
        }
      });
      socket.on('error', (error) => {
        clearTimeout(idle);
        reject(error);
      });
      socket.on('close', () => {
        clearTimeout(idle);
        resolve();
      });
    });
  }

  private enqueue(call: FeedCall, receivedAt: Date, fromSnapshot: boolean): void {
    this.chain = this.chain
      .then(() => this.options.onMessage(call, receivedAt, fromSnapshot))
      .catch((error: unknown) => this.options.onError?.(error, call));
  }
}
