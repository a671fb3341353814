import { type Socket } from 'socket.io';

/** A socket this many times over the frame limit is not coming back: it is disconnected. */
export const DISCONNECT_FACTOR = 8;

/**
 * A socket whose write buffer has not drained for this long is not reading: it is disconnected as
 * a slow consumer. Shorter than engine.io's ping window (25 s interval + 20 s timeout), which would
 * otherwise drop it first, without a word to the client and without counting it.
 */
export const STALL_LIMIT_MS = 20_000;

export type Backlog = 'ok' | 'lagging' | 'hopeless';

/**
 * Frames waiting in engine.io's write buffer for one socket. It grows while the transport is still
 * writing earlier frames, i.e. while the client (or its network) does not keep up. The field is
 * private in engine.io's typings but stable across 6.x; it is the only per-socket backlog there is.
 */
export function bufferedFrames(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}

/** `lagging`: droppable frames (positions, telemetry) are skipped; `hopeless`: the socket is closed. */
export function classifyBacklog(frames: number, maxBufferedFrames: number): Backlog {
  if (frames >= maxBufferedFrames * DISCONNECT_FACTOR) return 'hopeless';
  if (frames >= maxBufferedFrames) return 'lagging';
  return 'ok';
}
