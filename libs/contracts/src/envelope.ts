import { z } from 'zod';

/** ISO-8601 UTC timestamp with at least millisecond precision. */
export const isoTimestamp = z.iso.datetime({ offset: true });

/** Metadata every domain event carries, whatever its type. */
export const eventMetadataSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int().positive(),
  /** When it happened in the world (a lap ended, a race was run). */
  occurredAt: isoTimestamp,
  /** When slipstream first received the raw fact it was derived from; stable across replays. */
  recordedAt: isoTimestamp,
  /** The upstream the fact came from: an `EventSource` (`provenance.ts` defines source and origin). */
  source: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
});

export type EventMetadata = z.infer<typeof eventMetadataSchema>;

export interface EventDefinition<TType extends string, TData extends z.ZodType> {
  type: TType;
  version: number;
  data: TData;
  schema: z.ZodObject<
    Omit<typeof eventMetadataSchema.shape, 'type'> & { type: z.ZodLiteral<TType>; data: TData }
  >;
}

/** Declares a versioned event type; its TypeScript type is derived from the zod schema. */
export function defineEvent<TType extends string, TData extends z.ZodType>(
  type: TType,
  version: number,
  data: TData,
): EventDefinition<TType, TData> {
  return {
    type,
    version,
    data,
    schema: eventMetadataSchema.extend({ type: z.literal(type), data }),
  };
}

export type EventOf<TDefinition> =
  TDefinition extends EventDefinition<infer TType, infer TData>
    ? EventMetadata & { type: TType; data: z.infer<TData> }
    : never;

export type AnyEvent = EventMetadata & { data: unknown };

export interface EventInput<TData> {
  id: string;
  occurredAt: string;
  recordedAt: string;
  source: string;
  correlationId: string;
  causationId?: string | null;
  data: TData;
}

/** Builds an event and validates it against its definition; throws a `ZodError` naming the bad field. */
export function createEvent<TType extends string, TData extends z.ZodType>(
  definition: EventDefinition<TType, TData>,
  input: EventInput<z.input<TData>>,
): EventOf<EventDefinition<TType, TData>> {
  return definition.schema.parse({
    ...input,
    causationId: input.causationId ?? null,
    type: definition.type,
    version: definition.version,
  }) as EventOf<EventDefinition<TType, TData>>;
}

/** The very pattern `isoTimestamp` checks, so the hand check below cannot drift from it. */
const ISO_TIMESTAMP = isoTimestamp._zod.def.pattern!;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * True only when `eventMetadataSchema` would accept `value` (other keys, `data` among them, are
 * left alone), checked without the copy a zod parse makes of every event it validates: the
 * projection checks the envelope of every event it reads. Where this says no, parse with the
 * schema, which accepts after all or throws its error naming the field (the spec puts thousands
 * of broken envelopes to both).
 */
export function hasEventMetadata(value: unknown): value is AnyEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const event = value as Record<string, unknown>;
  return (
    isText(event.id) &&
    isText(event.type) &&
    typeof event.version === 'number' &&
    Number.isSafeInteger(event.version) &&
    event.version > 0 &&
    typeof event.occurredAt === 'string' &&
    ISO_TIMESTAMP.test(event.occurredAt) &&
    typeof event.recordedAt === 'string' &&
    ISO_TIMESTAMP.test(event.recordedAt) &&
    isText(event.source) &&
    isText(event.correlationId) &&
    (event.causationId === null || isText(event.causationId))
  );
}
