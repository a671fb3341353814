import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type Namespace, type Socket } from 'socket.io';

import { type FeedSync, LIVE_FEED_SERVER_EVENTS } from '@slipstream/contracts';
import { APP_CONFIG } from '@slipstream/platform';

import { type LiveGatewayConfig } from '../config/config.schema';
import { DROPPABLE_TOPICS } from '../feed/topics';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { bufferedFrames, classifyBacklog, DISCONNECT_FACTOR, STALL_LIMIT_MS } from '../socket/backpressure';
import { errorReply } from '../socket/client-errors';
import { SocketServers } from '../socket/socket-servers.service';
import { frameFor, type PendingFrame } from './delta-frames';
import { DeltaHub } from './delta-hub.service';
import { RoomIndex, roomName } from './room-index';

/**
 * Sends each tick's frames to the rooms that want them: one encoded frame per room and namespace.
 * Slow sockets miss droppable frames (they are left out of the broadcast) and never miss the rest;
 * one that falls hopelessly behind is disconnected and may resume from its last sequence.
 */
@Injectable()
export class Broadcaster implements OnModuleInit {
  /** Since when each socket's write buffer has held frames without draining. */
  private readonly stalledSince = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: LiveGatewayConfig,
    private readonly hub: DeltaHub,
    private readonly rooms: RoomIndex,
    private readonly servers: SocketServers,
    private readonly metrics: GatewayMetrics,
  ) {}

  onModuleInit(): void {
    this.hub.onTick((frames) => this.broadcast(frames));
  }

  broadcast(frames: PendingFrame[]): void {
    const namespaces = this.servers.namespaces();
    const lagging = this.laggingSockets(namespaces);
    for (const pending of frames) {
      const droppable = DROPPABLE_TOPICS.has(pending.topic);
      for (const group of this.rooms.roomsOf(pending.sessionKey, pending.topic)) {
        const frame = frameFor(pending, group.drivers);
        if (!frame) continue;
        for (const namespace of namespaces) {
          const members = namespace.adapter.rooms.get(group.room);
          if (!members) continue;
          const skipped = droppable ? lagging.filter((id) => members.has(id)) : [];
          if (skipped.length === members.size) {
            this.metrics.framesDropped.inc({ topic: pending.topic }, skipped.length);
            continue;
          }
          const target =
            skipped.length > 0 ? namespace.to(group.room).except(skipped) : namespace.to(group.room);
          target.emit(LIVE_FEED_SERVER_EVENTS.delta, frame);
          this.metrics.framesSent.inc({ topic: pending.topic });
          if (skipped.length > 0) this.metrics.framesDropped.inc({ topic: pending.topic }, skipped.length);
        }
      }
    }
    this.sync(frames, namespaces);
  }

  /**
   * After a tick's frames, every subscriber of a session that moved gets `sync` with the positions
   * it now has everything up to: the position to resume from. (Frames are per topic, and a
   * connection cut mid-tick could leave one topic's frame behind another's; item sequences alone
   * would then skip it on resume.)
   */
  private sync(frames: PendingFrame[], namespaces: Namespace[]): void {
    const sequences = { ...this.hub.flushed };
    for (const sessionKey of new Set(frames.map((frame) => frame.sessionKey))) {
      const room = roomName(sessionKey, 'session', null);
      for (const namespace of namespaces) {
        if (!namespace.adapter.rooms.has(room)) continue;
        const sync: FeedSync = { sessionKey, sequences };
        namespace.to(room).emit(LIVE_FEED_SERVER_EVENTS.sync, sync);
      }
    }
  }

  private laggingSockets(namespaces: Namespace[]): string[] {
    const lagging: string[] = [];
    const max = this.config.GATEWAY_MAX_BUFFERED_FRAMES;
    const now = Date.now();
    for (const namespace of namespaces) {
      for (const socket of namespace.sockets.values()) {
        const frames = bufferedFrames(socket);
        const backlog = classifyBacklog(frames, max);
        if (backlog === 'hopeless') {
          this.dropSlowConsumer(socket, `more than ${max * DISCONNECT_FACTOR} frames waiting`);
        } else if (this.stalledFor(socket, frames, now) >= STALL_LIMIT_MS) {
          this.dropSlowConsumer(socket, `nothing read for ${STALL_LIMIT_MS / 1000} s`);
        } else if (backlog === 'lagging') {
          lagging.push(socket.id);
        }
      }
    }
    return lagging;
  }

  /** How long the socket's frames have waited without the buffer draining once (0 if it is empty). */
  private stalledFor(socket: Socket, frames: number, now: number): number {
    if (frames === 0) {
      this.stalledSince.delete(socket.id);
      return 0;
    }
    const since = this.stalledSince.get(socket.id);
    if (since !== undefined) return now - since;
    this.stalledSince.set(socket.id, now);
    // engine.io emits `drain` when it hands the buffer to the transport: the client is reading.
    const reset = () => this.stalledSince.delete(socket.id);
    socket.conn.once('drain', reset);
    socket.once('disconnect', reset);
    return 0;
  }

  /** As docs/live-feed.md says: the client is told why, it is counted, then it is disconnected. */
  private dropSlowConsumer(socket: Socket, why: string): void {
    this.stalledSince.delete(socket.id);
    this.metrics.rejected.inc({ reason: 'slow_consumer' });
    socket.emit(
      LIVE_FEED_SERVER_EVENTS.gatewayError,
      errorReply('slow_consumer', `${why}; reconnect and resume`).error,
    );
    socket.disconnect(true);
  }
}
