import {
  type CarDataBatch,
  parseTelemetrySubject,
  type PositionBatch,
  type SessionEvent,
} from '@slipstream/contracts';

import { type FeedStream, isPerDriverEvent, type Topic, topicOfEvent } from './topics';

/** A message as read from EVENTS or TELEMETRY, before decoding. */
export interface FeedMessage {
  stream: FeedStream;
  seq: number;
  subject: string;
  /** When the stream stored it (epoch ms): publish→emit latency, and live vs replay. */
  storedAtMs: number;
  data: Uint8Array;
}

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

export type RoutedMessage =
  | {
      stream: 'EVENTS';
      sessionKey: number;
      topic: Topic;
      driverNumber: number | null;
      event: SessionEvent;
      item: EventItem;
    }
  | {
      stream: 'TELEMETRY';
      sessionKey: number;
      topic: 'telemetry';
      driverNumber: number;
      batch: CarDataBatch;
      item: TelemetryItem;
    }
  | {
      stream: 'TELEMETRY';
      sessionKey: number;
      topic: 'positions';
      driverNumber: number;
      batch: PositionBatch;
      item: TelemetryItem;
    };

const decoder = new TextDecoder();

/**
 * Decodes and routes one message to its session, topic and driver. Returns null for what the
 * gateway does not serve (an unknown event type, a malformed payload): it is counted, not fatal,
 * because one bad message must not stop the feed for everyone.
 */
export function routeFeedMessage(message: FeedMessage): RoutedMessage | null {
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(message.data));
  } catch {
    return null;
  }
  if (!payload || typeof payload !== 'object') return null;
  return message.stream === 'EVENTS'
    ? routeEvent(message.seq, payload as SessionEvent)
    : routeTelemetry(message, payload);
}

function routeEvent(seq: number, event: SessionEvent): RoutedMessage | null {
  const topic = topicOfEvent(event.type);
  const sessionKey = (event.data as { sessionKey?: unknown } | undefined)?.sessionKey;
  if (!topic || typeof sessionKey !== 'number') return null;
  const driverNumber = isPerDriverEvent(event.type)
    ? (event.data as { driverNumber: number }).driverNumber
    : null;
  const item: EventItem = { seq, type: event.type, occurredAt: event.occurredAt, data: event.data };
  return { stream: 'EVENTS', sessionKey, topic, driverNumber, event, item };
}

function routeTelemetry(message: FeedMessage, payload: object): RoutedMessage | null {
  const batch = payload as CarDataBatch | PositionBatch;
  if (
    typeof batch.sessionKey !== 'number' ||
    typeof batch.driverNumber !== 'number' ||
    !Array.isArray(batch.samples)
  )
    return null;
  let kind: 'car' | 'pos';
  try {
    kind = parseTelemetrySubject(message.subject).kind;
  } catch {
    return null;
  }
  const item: TelemetryItem = { seq: message.seq, driverNumber: batch.driverNumber, samples: batch.samples };
  const common = {
    stream: 'TELEMETRY' as const,
    sessionKey: batch.sessionKey,
    driverNumber: batch.driverNumber,
    item,
  };
  return kind === 'car'
    ? { ...common, topic: 'telemetry', batch: batch as CarDataBatch }
    : { ...common, topic: 'positions', batch: batch as PositionBatch };
}
