import { type AnyEvent, HEADERS } from '@slipstream/contracts';
import { type ConsumedMessage } from '@slipstream/messaging';

/** What a normalizer turns one raw record into: domain events and telemetry frames, each with its subject. */
export type NormalizedOutput =
  | { kind: 'event'; subject: string; event: AnyEvent }
  | { kind: 'telemetry'; subject: string; msgId: string; frame: unknown; correlationId?: string };

export interface RawContext {
  subject: string;
  sequence: number;
  /** The raw message's id: the events' causation. */
  msgId: string;
  correlationId: string;
}

/**
 * Where a RAW message came from, as its outputs record it: delivered to the consumer or read back
 * by gap recovery, the same message gets the same causation and correlation.
 */
export function rawContextOf(message: ConsumedMessage): RawContext {
  const msgId = message.header(HEADERS.msgId) ?? `${message.stream}:${message.sequence}`;
  return {
    subject: message.subject,
    sequence: message.sequence,
    msgId,
    correlationId: message.header(HEADERS.correlationId) ?? msgId,
  };
}
