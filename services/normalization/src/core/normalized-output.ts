import { type AnyEvent } from '@slipstream/contracts';

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
