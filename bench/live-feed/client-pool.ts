import { io, type Socket } from 'socket.io-client';

import { nowMs } from './clock';

/** A positions frame as clients receive it (from the gateway; the bare server adds `sentAtMs`). */
export interface PositionsFrame {
  sessionKey: number;
  topic: string;
  items: Array<{ seq: number; driverNumber: number; samples: Array<{ utcMs: number }> }>;
  sentAtMs?: number;
}

/** What one client got during a measurement window. */
export interface Receipt {
  client: number;
  atMs: number;
  frame: PositionsFrame;
}

/**
 * `count` socket.io clients on `/live`, each subscribed to a session's positions, recording when
 * each frame arrives. Only receipt times are taken in the handler; latencies are worked out after
 * the window, so measuring does not slow the clients down.
 */
export class ClientPool {
  private readonly sockets: Socket[] = [];
  private recording = false;
  receipts: Receipt[] = [];
  /** The `sync` messages client 0 got (the gateway sends one after each tick): the baseline sends them too. */
  syncs: Array<{ atMs: number; sync: unknown }> = [];

  private constructor(private readonly url: string) {}

  static async connect(url: string, count: number, sessionKey: number): Promise<ClientPool> {
    const pool = new ClientPool(url);
    // In batches: a thousand simultaneous handshakes measure the kernel's accept queue, not the feed.
    for (let start = 0; start < count; start += 100) {
      const batch = Array.from({ length: Math.min(100, count - start) }, (_, i) =>
        pool.open(start + i, sessionKey),
      );
      await Promise.all(batch);
    }
    return pool;
  }

  private async open(index: number, sessionKey: number): Promise<void> {
    const socket = io(`${this.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
    });
    this.sockets.push(socket);
    socket.on('delta', (frame: PositionsFrame) => {
      if (this.recording && frame.topic === 'positions')
        this.receipts.push({ client: index, atMs: nowMs(), frame });
    });
    if (index === 0)
      socket.on('sync', (sync: unknown) => {
        if (this.recording) this.syncs.push({ atMs: nowMs(), sync });
      });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const reply = (await socket
      .timeout(60_000)
      .emitWithAck('subscribe', { sessionKey, topics: ['positions'] })) as { ok: boolean };
    if (!reply.ok) throw new Error(`subscribe refused: ${JSON.stringify(reply)}`);
  }

  start(): void {
    this.receipts = [];
    this.syncs = [];
    this.recording = true;
  }

  stop(): Receipt[] {
    this.recording = false;
    return this.receipts;
  }

  close(): void {
    for (const socket of this.sockets) socket.disconnect();
  }
}
