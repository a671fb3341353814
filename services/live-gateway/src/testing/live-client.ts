import { io, type Socket } from 'socket.io-client';

import {
  type FeedSync,
  LIVE_FEED_CLIENT_EVENTS,
  LIVE_FEED_NAMESPACE,
  LIVE_FEED_SERVER_EVENTS,
} from '@slipstream/contracts';

/** A delta frame as clients receive it. */
export interface ReceivedFrame {
  sessionKey: number;
  topic: string;
  stream: 'EVENTS' | 'TELEMETRY';
  items: Array<{
    seq: number;
    type?: string;
    driverNumber?: number;
    data?: Record<string, unknown>;
    samples?: unknown[];
  }>;
  replayed?: true;
}

/** A socket.io-client on `/live` that records every frame, for assertions. */
export class LiveClient {
  readonly frames: ReceivedFrame[] = [];
  readonly errors: unknown[] = [];
  /** The last `sync`: where this client would resume from. */
  synced: FeedSync | undefined;
  readonly socket: Socket;

  constructor(baseUrl: string, options: Parameters<typeof io>[1] = {}) {
    this.socket = io(`${baseUrl}${LIVE_FEED_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...options,
    });
    this.socket.on(LIVE_FEED_SERVER_EVENTS.delta, (frame: ReceivedFrame) => this.frames.push(frame));
    this.socket.on(LIVE_FEED_SERVER_EVENTS.gatewayError, (error: unknown) => this.errors.push(error));
    this.socket.on(LIVE_FEED_SERVER_EVENTS.sync, (sync: FeedSync) => (this.synced = sync));
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  subscribe(request: unknown): Promise<any> {
    return this.socket.timeout(30_000).emitWithAck(LIVE_FEED_CLIENT_EVENTS.subscribe, request);
  }

  /** Items of one topic received so far, in arrival order. */
  items(topic: string): ReceivedFrame['items'] {
    return this.frames.filter((frame) => frame.topic === topic).flatMap((frame) => frame.items);
  }

  close(): void {
    this.socket.disconnect();
  }
}
