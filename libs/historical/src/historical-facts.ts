import { type z } from 'zod';

import {
  createEvent,
  deterministicId,
  type EventDefinition,
  type EventOf,
  type EventSource,
  type HistoricalEventType,
} from '@slipstream/contracts';

/** The sources of historical facts: the two upstreams, and slipstream for what it calculates. */
export type HistoricalSource = Extract<EventSource, 'ergast' | 'jolpica' | 'slipstream'>;

/** What a mapper needs besides the record itself; all of it comes from the RAW message. */
export interface MappingContext {
  /** When slipstream received the raw record (`RawRecord.receivedAt`). */
  recordedAt: string;
  correlationId?: string;
  /** Usually the RAW message id the events were derived from. */
  causationId?: string | null;
}

type Key = string | number | null;

/**
 * The natural key of each fact. Ids hash the event type and this key only, never a source's
 * surrogate id or the content, so the CSV and the API name the same fact with the same id and a
 * corrected fact replaces the old one in the read models.
 */
const NATURAL_KEYS: Record<HistoricalEventType, (data: Record<string, unknown>) => Key[]> = {
  SeasonRegistered: (d) => [d.season as number],
  CircuitRegistered: (d) => [d.circuitRef as string],
  DriverRegistered: (d) => [d.driverRef as string],
  ConstructorRegistered: (d) => [d.constructorRef as string],
  FinishingStatusRegistered: (d) => [d.statusId as number],
  RaceScheduled: (d) => raceKey(d),
  // A driver could share or swap cars in one race (1950s), so the car number is part of the key.
  RaceResultRecorded: (d) => [...raceKey(d), d.driverRef as string, d.carNumber as number | null],
  SprintResultRecorded: (d) => [...raceKey(d), d.driverRef as string],
  QualifyingResultRecorded: (d) => [...raceKey(d), d.driverRef as string],
  LapTimeRecorded: (d) => [...raceKey(d), d.driverRef as string, d.lap as number],
  PitStopRecorded: (d) => [...raceKey(d), d.driverRef as string, d.stop as number],
  ConstructorRaceResultRecorded: (d) => [...raceKey(d), d.constructorRef as string],
  DriverStandingPublished: (d) => [...raceKey(d), d.driverRef as string],
  DriverStandingCalculated: (d) => [...raceKey(d), d.driverRef as string],
  ConstructorStandingPublished: (d) => [...raceKey(d), d.constructorRef as string],
  ConstructorStandingCalculated: (d) => [...raceKey(d), d.constructorRef as string],
  ConstructorPointsAdjusted: (d) => [...raceKey(d), d.constructorRef as string],
  ConstructorReEntered: (d) => [...raceKey(d), d.constructorRef as string],
  ConstructorExcluded: (d) => [d.season as number, d.constructorRef as string],
  DriverDisqualified: (d) => [d.season as number, d.driverRef as string],
  RaceResultCorrected: (d) => [...raceKey(d), d.driverRef as string],
};

function raceKey(data: Record<string, unknown>): Key[] {
  return [data.season as number, data.round as number];
}

export function historicalFactId(type: HistoricalEventType, data: object): string {
  return deterministicId(type, ...NATURAL_KEYS[type](data as Record<string, unknown>));
}

/** Builds and validates one historical event; a zod error names the offending field. */
export function recordFact<TType extends HistoricalEventType, TData extends z.ZodType>(
  definition: EventDefinition<TType, TData>,
  data: z.input<TData>,
  occurredAt: string | null,
  source: HistoricalSource,
  context: MappingContext,
): EventOf<EventDefinition<TType, TData>> {
  const id = historicalFactId(definition.type, data as object);
  return createEvent(definition, {
    id,
    occurredAt: occurredAt ?? context.recordedAt,
    recordedAt: context.recordedAt,
    source,
    correlationId: context.correlationId ?? id,
    causationId: context.causationId ?? null,
    data,
  });
}
