import { createServer } from 'node:http';

import { Server } from 'socket.io';

import { nowMs } from './clock';

/*
 * The baseline: a bare socket.io server (no NATS, no state, no ticks) in a process of its own, as
 * the gateway is. Clients connect to `/live` and subscribe as they do to the gateway; the parent
 * sends it a schedule of frames (the ones the gateway sent, at the moments they arrived: the
 * positions deltas and the `sync` after each tick) and it broadcasts each to one room at its
 * moment, deltas stamped with the time of the emit.
 */

interface Scheduled {
  atMs: number;
  /** `delta` (stamped with the emit time) or `sync`, as the gateway's clients got them. */
  event?: 'delta' | 'sync';
  frame: Record<string, unknown>;
}

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 64 * 1024 });
const live = io.of('/live');
live.on('connection', (socket) => {
  socket.on('subscribe', (_request: unknown, ack?: (reply: unknown) => void) => {
    void socket.join('positions');
    ack?.({ ok: true });
  });
});

process.on('message', (message: { type: 'play'; schedule: Scheduled[] } | { type: 'exit' }) => {
  if (message.type === 'exit') {
    io.close();
    process.exit(0);
  }
  const startMs = nowMs();
  let remaining = message.schedule.length;
  if (remaining === 0) process.send?.({ type: 'played' });
  for (const { atMs, event = 'delta', frame } of message.schedule) {
    setTimeout(
      () => {
        if (event === 'sync') live.to('positions').emit('sync', frame);
        else live.to('positions').emit('delta', { ...frame, sentAtMs: nowMs() });
        if (--remaining === 0) process.send?.({ type: 'played' });
      },
      Math.max(0, startMs + atMs - nowMs()),
    );
  }
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address() as { port: number };
  process.send?.({ type: 'listening', port: address.port });
});
