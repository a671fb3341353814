import { type SessionEvent } from './events/session';
import { type CarDataBatch, type PositionBatch } from './telemetry';

/*
 * The live feed's wire contract: what the live gateway sends and receives over Socket.io, and what
 * its clients (the dashboard, the examples, tests and benchmarks) rely on. docs/live-feed.md
 * describes it for client authors.
 */

/** The Socket.io namespace of the live feed. */
export const LIVE_FEED_NAMESPACE = '/live';

/** One Socket.io server per parser, each on its own path: JSON (the default), and msgpack. */
export const LIVE_FEED_SOCKET_PATHS = { json: '/socket.io', msgpack: '/socket.io-msgpack' } as const;

/** The events a client sends; each is answered through its acknowledgement when it asks for one. */
export const LIVE_FEED_CLIENT_EVENTS = { subscribe: 'subscribe', unsubscribe: 'unsubscribe' } as const;

/**
 * The events the gateway sends: the answer to a `subscribe` or `unsubscribe` sent without an
 * acknowledgement, `DeltaFrame`s, `FeedSync`s, and the `GatewayError` of a refusal with no
 * acknowledgement to answer or of a connection about to be closed.
 */
export const LIVE_FEED_SERVER_EVENTS = {
  subscribed: 'subscribed',
  unsubscribed: 'unsubscribed',
  delta: 'delta',
  sync: 'sync',
  gatewayError: 'gateway_error',
} as const;

/** What a client can subscribe to. `session` (info, status, driver list) is always included. */
export const FEED_TOPICS = [
  'session',
  'timing',
  'positions',
  'telemetry',
  'race_control',
  'track_status',
  'weather',
  'stints',
] as const;
export type FeedTopic = (typeof FEED_TOPICS)[number];

/** The streams the gateway reads; every delta item carries its sequence in one of them. */
export type FeedStream = 'EVENTS' | 'TELEMETRY';

/** What clients receive for an event: the domain event's type, time and data, with its sequence. */
export interface EventItem {
  seq: number;
  type: SessionEvent['type'];
  occurredAt: string;
  data: SessionEvent['data'];
}

/** What clients receive for a telemetry batch: one driver's samples of one feed frame. */
export interface TelemetryItem {
  seq: number;
  driverNumber: number;
  samples: CarDataBatch['samples'] | PositionBatch['samples'];
}

export type DeltaItem = EventItem | TelemetryItem;

/** What a client receives per tick and topic (`delta`): the items of one session, in stream order. */
export interface DeltaFrame {
  sessionKey: number;
  topic: FeedTopic;
  stream: FeedStream;
  items: DeltaItem[];
  /** Set on frames sent to catch a resuming client up, before it rejoins the live flow. */
  replayed?: true;
}

/** After a tick's frames (`sync`): the client now has everything up to these sequences. */
export interface FeedSync {
  sessionKey: number;
  sequences: Record<FeedStream, number>;
}

/** Why the gateway refused a connection or a message; stable strings clients can branch on. */
export type GatewayErrorCode =
  | 'unauthorized'
  | 'too_many_connections'
  | 'invalid_request'
  | 'too_many_subscriptions'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unknown_event'
  | 'slow_consumer'
  | 'internal_error';

/** A refusal: in a failed reply, in `gateway_error`, and in a refused connection's `connect_error` data. */
export interface GatewayError {
  code: GatewayErrorCode;
  message: string;
  /** For `invalid_request`: each bad field by path, e.g. `topics.1`. */
  issues?: Array<{ path: string; message: string }>;
}
