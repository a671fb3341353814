import { type BeforeApplicationShutdown, Inject, Injectable, type OnModuleInit } from '@nestjs/common';

import { type FeedStream } from '@slipstream/contracts';
import { APP_CONFIG } from '@slipstream/platform';

import { type LiveGatewayConfig } from '../config/config.schema';
import { type FeedMessage, type RoutedMessage, routeFeedMessage } from '../feed/feed-message';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { SessionRegistry } from '../session-state/session-registry';
import { groupByTopic, type PendingFrame } from './delta-frames';

export type TickListener = (frames: PendingFrame[]) => void;

/**
 * An early flush waits this long after the first message of a burst: normalization publishes the
 * items of one feed frame (every car's samples) within a few milliseconds, and they go out together.
 */
export const EARLY_FLUSH_GATHER_MS = 5;

/**
 * The gateway's heart: messages from the stream wait here until the next tick, then are applied to
 * the session state and handed to the sockets in one go. Applying at the tick, not on arrival, keeps
 * the state and what clients were sent in step: between ticks, a snapshot is exactly "everything up
 * to `flushed`", and a client that joins then gets every later item once.
 */
@Injectable()
export class DeltaHub implements OnModuleInit, BeforeApplicationShutdown {
  readonly registry = new SessionRegistry();
  /** Last stream sequence applied and emitted, per stream. */
  readonly flushed: Record<FeedStream, number> = { EVENTS: 0, TELEMETRY: 0 };
  private pending: FeedMessage[] = [];
  private readonly listeners: TickListener[] = [];
  private waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private early: NodeJS.Timeout | undefined;
  private lastTickMs = 0;
  private ticks = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: LiveGatewayConfig,
    private readonly metrics: GatewayMetrics,
  ) {}

  onModuleInit(): void {
    this.scheduleTick();
  }

  beforeApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    clearTimeout(this.early);
    this.early = undefined;
    this.releaseWaiters();
  }

  /**
   * Queues a message for the next tick. When the last tick is at least `GATEWAY_EARLY_FLUSH_MS` ago,
   * the tick comes early: a few milliseconds later (the rest of the message's feed frame), rather than
   * up to `GATEWAY_TICK_MS` later. Ticks stay at least `GATEWAY_EARLY_FLUSH_MS` apart (the regular
   * tick is `GATEWAY_TICK_MS` after the last one), so the frame rate per topic stays bounded
   * whatever the number of cars or the replay speed.
   */
  enqueue(message: FeedMessage): void {
    this.pending.push(message);
    if (this.early !== undefined || this.timer === undefined) return;
    const spacing = this.config.GATEWAY_EARLY_FLUSH_MS;
    if (spacing >= this.config.GATEWAY_TICK_MS) return;
    const delay = Math.max(EARLY_FLUSH_GATHER_MS, this.lastTickMs + spacing - Date.now());
    if (delay >= this.config.GATEWAY_TICK_MS) return;
    this.early = setTimeout(() => {
      this.early = undefined;
      this.tick();
    }, delay);
  }

  onTick(listener: TickListener): void {
    this.listeners.push(listener);
  }

  /** Resolves after the next tick (or at shutdown): for callers waiting for the hub to move on. */
  nextTick(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  tick(): void {
    clearTimeout(this.early);
    this.early = undefined;
    this.lastTickMs = Date.now();
    // The regular tick comes GATEWAY_TICK_MS after the last one, early or not.
    if (this.timer !== undefined) this.scheduleTick();
    const batch = this.pending;
    this.pending = [];
    const routed: RoutedMessage[] = [];
    for (const message of batch) {
      this.flushed[message.stream] = Math.max(this.flushed[message.stream], message.seq);
      const routes = routeFeedMessage(message);
      if (routes.length === 0) {
        this.metrics.skippedMessages.inc({ stream: message.stream });
        continue;
      }
      for (const route of routes) {
        this.registry.apply(route, message.storedAtMs);
        routed.push(route);
      }
    }
    if (routed.length > 0) {
      const frames = groupByTopic(routed);
      for (const listener of this.listeners) listener(frames);
    }
    const now = Date.now();
    for (const message of batch)
      this.metrics.emitLatency.observe(
        { stream: message.stream },
        Math.max(0, now - message.storedAtMs) / 1000,
      );
    // Every thousand ticks (seconds to minutes apart) is plenty for forgetting sessions idle for a day.
    if (++this.ticks % 1_000 === 0) this.registry.evictIdle(now);
    this.releaseWaiters();
  }

  private scheduleTick(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), this.config.GATEWAY_TICK_MS);
  }

  private releaseWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
