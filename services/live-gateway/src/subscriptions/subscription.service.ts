import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Socket } from 'socket.io';

import { type FeedStream, type FeedTopic, LIVE_FEED_SERVER_EVENTS } from '@slipstream/contracts';
import { APP_CONFIG } from '@slipstream/platform';

import { type LiveGatewayConfig } from '../config/config.schema';
import { StreamRangeReader } from '../feed/stream-range-reader';
import { streamOfTopic } from '../feed/topics';
import { DeltaHub } from '../hub/delta-hub.service';
import { RoomIndex } from '../hub/room-index';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { emptySession } from '../session-state/live-session';
import { snapshotOf } from '../session-state/session-snapshot';
import { type ErrorReply, errorReply, invalidRequest } from '../socket/client-errors';
import { type CatchUpPlan, planCatchUp } from './catch-up';
import { catchUpFrames } from './catch-up-frames';
import { type SubscribeReply } from './subscribe-reply';
import {
  type StreamPosition,
  subscribeRequestSchema,
  unsubscribeRequestSchema,
} from './subscribe-request.schema';

/** Ticks a resume may wait for this instance to reach a position another instance already sent. */
const RESUME_WAIT_TICKS = 20;

interface ActiveSubscription {
  rooms: string[];
}

/** A socket's subscriptions by session key; kept on `socket.data`. */
type SocketSubscriptions = Map<number, ActiveSubscription>;

/** Handles `subscribe` and `unsubscribe`: validation, limits, snapshot or resume, rooms. */
@Injectable()
export class SubscriptionService {
  private readonly logger = new Logger('LiveSubscriptions');

  constructor(
    @Inject(APP_CONFIG) private readonly config: LiveGatewayConfig,
    private readonly hub: DeltaHub,
    private readonly reader: StreamRangeReader,
    private readonly rooms: RoomIndex,
    private readonly metrics: GatewayMetrics,
  ) {}

  async subscribe(
    socket: Socket,
    raw: unknown,
    reply: (reply: SubscribeReply | ErrorReply) => void,
  ): Promise<void> {
    const parsed = subscribeRequestSchema.safeParse(raw);
    if (!parsed.success) return this.refuse(reply, invalidRequest(parsed.error));
    const { sessionKey, resumeFrom } = parsed.data;
    const subscriptions = subscriptionsOf(socket);
    const max = this.config.GATEWAY_MAX_SUBSCRIPTIONS;
    if (!subscriptions.has(sessionKey) && subscriptions.size >= max) {
      return this.refuse(
        reply,
        errorReply(
          'too_many_subscriptions',
          `at most ${max} sessions per connection; unsubscribe from one first`,
        ),
      );
    }
    const topics = new Set<FeedTopic>([...parsed.data.topics, 'session']);
    const drivers = parsed.data.drivers ? [...new Set(parsed.data.drivers)].sort((a, b) => a - b) : null;
    const driverSet = drivers && new Set(drivers);
    // A new subscription to the same session replaces the old one; nothing is sent until it is set up.
    this.leave(socket, sessionKey);
    const base = { ok: true as const, sessionKey, topics: [...topics], drivers };

    let refusedResume: string | undefined;
    if (resumeFrom) {
      const plan = await this.plan(resumeFrom, topics);
      if (!socket.connected) return;
      if (plan.kind === 'replay') {
        // From here to the end of this block nothing awaits: no tick can slip between replay and join.
        const frames = catchUpFrames(plan.messages, sessionKey, topics, driverSet);
        this.metrics.resumes.inc({ outcome: 'replayed' });
        reply({
          ...base,
          mode: 'resume',
          sequences: { ...this.hub.flushed },
          replayed: frames.reduce((n, f) => n + f.items.length, 0),
        });
        for (const frame of frames) socket.emit(LIVE_FEED_SERVER_EVENTS.delta, frame);
        this.join(socket, sessionKey, topics, drivers);
        return;
      }
      refusedResume = plan.reason;
      this.metrics.resumes.inc({ outcome: 'snapshot' });
    }
    const session = this.hub.registry.get(sessionKey);
    const snapshot = snapshotOf(
      session ?? emptySession(sessionKey),
      topics,
      driverSet,
      session !== undefined,
    );
    snapshot.sequences = { ...this.hub.flushed };
    this.join(socket, sessionKey, topics, drivers);
    reply({
      ...base,
      mode: 'snapshot',
      sequences: snapshot.sequences,
      snapshot,
      ...(refusedResume ? { resumeRefused: refusedResume } : {}),
    });
  }

  unsubscribe(
    socket: Socket,
    raw: unknown,
    reply: (reply: { ok: true; sessionKey: number } | ErrorReply) => void,
  ): void {
    const parsed = unsubscribeRequestSchema.safeParse(raw);
    if (!parsed.success) return this.refuse(reply, invalidRequest(parsed.error));
    this.leave(socket, parsed.data.sessionKey);
    reply({ ok: true, sessionKey: parsed.data.sessionKey });
  }

  /** Socket.io leaves the rooms itself on disconnect; the index and the gauge are ours. */
  disconnected(socket: Socket): void {
    for (const sessionKey of [...subscriptionsOf(socket).keys()]) this.leave(socket, sessionKey);
  }

  private async plan(
    resumeFrom: StreamPosition | StreamPosition[],
    topics: ReadonlySet<FeedTopic>,
  ): Promise<CatchUpPlan> {
    const from: Partial<Record<FeedStream, number>> = {};
    for (const { stream, sequence } of [resumeFrom].flat()) from[stream] = sequence;
    const streams = [...new Set([...topics].map(streamOfTopic))];
    try {
      return await planCatchUp(
        {
          flushed: this.hub.flushed,
          nextTick: () => this.hub.nextTick(),
          read: (stream, after, upto) => this.reader.read(stream, after, upto),
        },
        from,
        streams,
        { maxMessages: this.config.GATEWAY_RESUME_MAX_MESSAGES, maxWaitTicks: RESUME_WAIT_TICKS },
      );
    } catch (error) {
      this.logger.warn({ msg: 'resume read failed; sending a snapshot', err: String(error) });
      return { kind: 'snapshot', reason: 'the stream could not be read' };
    }
  }

  private join(
    socket: Socket,
    sessionKey: number,
    topics: ReadonlySet<FeedTopic>,
    drivers: number[] | null,
  ): void {
    const rooms = [...topics].map((topic) =>
      this.rooms.join(sessionKey, topic, topic === 'session' ? null : drivers),
    );
    void socket.join(rooms);
    subscriptionsOf(socket).set(sessionKey, { rooms });
    this.metrics.subscriptions.inc();
  }

  private leave(socket: Socket, sessionKey: number): void {
    const subscriptions = subscriptionsOf(socket);
    const active = subscriptions.get(sessionKey);
    if (!active) return;
    for (const room of active.rooms) {
      this.rooms.leave(room);
      void socket.leave(room);
    }
    subscriptions.delete(sessionKey);
    this.metrics.subscriptions.dec();
  }

  private refuse<T>(reply: (reply: T | ErrorReply) => void, error: ErrorReply): void {
    this.metrics.rejected.inc({ reason: error.error.code });
    reply(error);
  }
}

function subscriptionsOf(socket: Socket): SocketSubscriptions {
  const data = socket.data as { subscriptions?: SocketSubscriptions };
  data.subscriptions ??= new Map();
  return data.subscriptions;
}
