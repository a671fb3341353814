import {
  type CarDataBatch,
  type EventItem,
  type FeedStream,
  type FeedTopic,
  parseTelemetrySubject,
  type PositionBatch,
  type SessionEvent,
  type TelemetryItem,
} from '@slipstream/contracts';

import { isPerDriverEvent, topicOfEvent } from './topics';

/** A message as read from EVENTS or TELEMETRY, before decoding. */
export interface FeedMessage {
  stream: FeedStream;
  seq: number;
  subject: string;
  /** When the stream stored it (epoch ms): publish→emit latency, and live vs replay. */
  storedAtMs: number;
  data: Uint8Array;
}

export type RoutedMessage =
  | {
      stream: 'EVENTS';
      sessionKey: number;
      topic: FeedTopic;
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
