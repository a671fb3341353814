import {
  type CarDataBatch,
  type EventItem,
  type FeedStream,
  type FeedTopic,
  parseTelemetrySubject,
  type PositionBatch,
  type SessionEvent,
  type TelemetryItem,
  type TelemetryKind,
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
 * Decodes and routes one message to its session, topic and drivers: an event is one routed
 * message, a TELEMETRY frame one per car in it. Returns nothing for what the gateway does not serve
 * (an unknown event type, a malformed payload): it is counted, not fatal, because one bad message
 * must not stop the feed for everyone.
 */
export function routeFeedMessage(message: FeedMessage): RoutedMessage[] {
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(message.data));
  } catch {
    return [];
  }
  if (!payload || typeof payload !== 'object') return [];
  if (message.stream === 'TELEMETRY') return routeTelemetry(message, payload);
  const routed = routeEvent(message.seq, payload as SessionEvent);
  return routed ? [routed] : [];
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

/*
 * Not validated sample by sample: normalization validated the frame it published, and the gateway
 * forwards samples as they are. The shape is checked so a stray message cannot break a tick.
 */
function routeTelemetry(message: FeedMessage, payload: object): RoutedMessage[] {
  let kind: TelemetryKind;
  try {
    kind = parseTelemetrySubject(message.subject).kind;
  } catch {
    return [];
  }
  const routed: RoutedMessage[] = [];
  for (const batch of batchesOfPayload(payload)) {
    const item: TelemetryItem = {
      seq: message.seq,
      driverNumber: batch.driverNumber,
      samples: batch.samples,
    };
    const common = {
      stream: 'TELEMETRY' as const,
      sessionKey: batch.sessionKey,
      driverNumber: batch.driverNumber,
      item,
    };
    routed.push(
      kind === 'car_data'
        ? { ...common, topic: 'telemetry', batch: batch as CarDataBatch }
        : { ...common, topic: 'positions', batch: batch as PositionBatch },
    );
  }
  return routed;
}

/** A frame's cars, or the one car of a message written before frames; nothing if malformed. */
function batchesOfPayload(payload: object): Array<CarDataBatch | PositionBatch> {
  const { sessionKey, cars, driverNumber, samples } = payload as {
    sessionKey?: unknown;
    cars?: unknown;
    driverNumber?: unknown;
    samples?: unknown;
  };
  if (typeof sessionKey !== 'number') return [];
  if (typeof driverNumber === 'number' && Array.isArray(samples))
    return [{ sessionKey, driverNumber, samples } as CarDataBatch];
  if (!Array.isArray(cars)) return [];
  const batches: Array<CarDataBatch | PositionBatch> = [];
  for (const car of cars as Array<{ driverNumber?: unknown; samples?: unknown }>) {
    if (typeof car?.driverNumber !== 'number' || !Array.isArray(car.samples)) return [];
    batches.push({ sessionKey, driverNumber: car.driverNumber, samples: car.samples } as CarDataBatch);
  }
  return batches;
}
