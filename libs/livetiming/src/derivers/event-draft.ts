import type { z } from 'zod';

import type {
  CarDataFrame,
  EventDefinition,
  PositionFrame,
  SessionEvent,
  SessionSupplementEvent,
  TeamRadioCapturedEvent,
} from '@slipstream/contracts';

/** Where a message came from; `recordedAt` is when slipstream received it (RAW `receivedAt`). */
export interface DerivationContext {
  sessionKey: string | number;
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
}

export type DerivedOutput =
  | { kind: 'event'; subject: string; event: SessionEvent | TeamRadioCapturedEvent | SessionSupplementEvent }
  | { kind: 'telemetry'; channel: 'car_data'; subject: string; msgId: string; frame: CarDataFrame }
  | { kind: 'telemetry'; channel: 'position'; subject: string; msgId: string; frame: PositionFrame };

export type TelemetryOutput = Extract<DerivedOutput, { kind: 'telemetry' }>;

/**
 * An event decided by a topic handler, before the deriver stamps metadata on it. The natural key
 * (without session) makes the id: the same fact derived twice gets the same id.
 */
export interface EventDraft {
  definition: EventDefinition<string, z.ZodType>;
  naturalKey: ReadonlyArray<string | number>;
  /** When it happened; the deriver falls back to `recordedAt` while the stream has no clock. */
  occurredAtMs: number | undefined;
  data: unknown;
}

export function draft<TType extends string, TData extends z.ZodType>(
  definition: EventDefinition<TType, TData>,
  naturalKey: ReadonlyArray<string | number>,
  occurredAtMs: number | undefined,
  data: z.input<TData>,
): EventDraft {
  return { definition, naturalKey, occurredAtMs, data };
}
