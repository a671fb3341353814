import { z } from 'zod';

import { defineEvent, type EventOf } from '../envelope';
import { eventSubject } from '../subjects';

/*
 * Historical facts (1950 onwards) as both sources tell them: the Ergast CSV set and the Jolpica API
 * map to these events with the same ids, keyed by natural keys (season, round, driver ref…), never
 * by a source's surrogate ids. Times are milliseconds; a value a source leaves out is null.
 * Race-weekend facts occur at the Grand Prix start; reference data and standings have no moment
 * of their own and occur when slipstream first recorded them.
 */

const season = z.number().int().min(1950).max(2100);
const round = z.number().int().positive();
const ref = z.string().regex(/^[a-z0-9_-]+$/i, 'must be an Ergast/Jolpica reference like "max_verstappen"');
const count = z.number().int().nonnegative();
/** No race, lap or stop has lasted a day (the longest race ran 4 h 04 min): more is a broken source value. */
const milliseconds = z
  .number()
  .int()
  .nonnegative()
  .max(24 * 60 * 60 * 1000);
const points = z.number().finite();
const isoDate = z.iso.date();
/** A UTC time of day, `HH:MM:SS`. */
const utcTime = z.string().regex(/^\d{2}:\d{2}:\d{2}$/, 'must be HH:MM:SS');
const text = z.string().min(1);

const sessionSlot = z.object({ date: isoDate, time: utcTime.nullable() }).nullable();
const raceKey = { season, round };

export const SeasonRegistered = defineEvent(
  'SeasonRegistered',
  1,
  z.object({ season, url: text.nullable() }),
);

export const CircuitRegistered = defineEvent(
  'CircuitRegistered',
  1,
  z.object({
    circuitRef: ref,
    name: text,
    locality: text.nullable(),
    country: text.nullable(),
    latitude: z.number().min(-90).max(90).nullable(),
    longitude: z.number().min(-180).max(180).nullable(),
    url: text.nullable(),
  }),
);

export const RaceScheduled = defineEvent(
  'RaceScheduled',
  1,
  z.object({
    ...raceKey,
    raceName: text,
    circuitRef: ref,
    date: isoDate,
    time: utcTime.nullable(),
    url: text.nullable(),
    sessions: z.object({
      firstPractice: sessionSlot,
      secondPractice: sessionSlot,
      thirdPractice: sessionSlot,
      qualifying: sessionSlot,
      /** The sprint shootout (2023) or sprint qualifying (2024 on). */
      sprintQualifying: sessionSlot,
      sprint: sessionSlot,
    }),
  }),
);

export const DriverRegistered = defineEvent(
  'DriverRegistered',
  1,
  z.object({
    driverRef: ref,
    permanentNumber: count.nullable(),
    code: z.string().length(3).nullable(),
    givenName: text,
    familyName: text,
    dateOfBirth: isoDate.nullable(),
    nationality: text.nullable(),
    url: text.nullable(),
  }),
);

export const ConstructorRegistered = defineEvent(
  'ConstructorRegistered',
  1,
  z.object({ constructorRef: ref, name: text, nationality: text.nullable(), url: text.nullable() }),
);

/** Ergast and Jolpica share one status id space, so the id is a natural key here. */
export const FinishingStatusRegistered = defineEvent(
  'FinishingStatusRegistered',
  1,
  z.object({ statusId: z.number().int().positive(), status: text }),
);

const classification = z.object({
  ...raceKey,
  driverRef: ref,
  constructorRef: ref,
  carNumber: count.nullable(),
  /** 0 is a pit-lane start. */
  grid: count.nullable(),
  /** Classified finishing position; null when not classified. */
  position: z.number().int().positive().nullable(),
  /** `1`…, or R retired, D disqualified, E excluded, W withdrawn, F failed to qualify, N not classified. */
  positionText: text,
  /** Order of the classification, including the unclassified; count-back uses it. */
  positionOrder: z.number().int().positive(),
  points,
  laps: count,
  /** Race time of this car; for the winner the total, for others the winner's plus the gap. */
  timeMs: milliseconds.nullable(),
  fastestLapNumber: count.nullable(),
  fastestLapRank: count.nullable(),
  fastestLapTimeMs: milliseconds.nullable(),
  fastestLapAverageSpeedKph: z.number().positive().nullable(),
  status: text,
});

export const RaceResultRecorded = defineEvent('RaceResultRecorded', 1, classification);
export const SprintResultRecorded = defineEvent('SprintResultRecorded', 1, classification);

export const QualifyingResultRecorded = defineEvent(
  'QualifyingResultRecorded',
  1,
  z.object({
    ...raceKey,
    driverRef: ref,
    constructorRef: ref,
    carNumber: count.nullable(),
    position: z.number().int().positive().nullable(),
    q1Ms: milliseconds.nullable(),
    q2Ms: milliseconds.nullable(),
    q3Ms: milliseconds.nullable(),
  }),
);

export const LapTimeRecorded = defineEvent(
  'LapTimeRecorded',
  1,
  z.object({
    ...raceKey,
    driverRef: ref,
    lap: z.number().int().positive(),
    position: count.nullable(),
    timeMs: milliseconds,
  }),
);

export const PitStopRecorded = defineEvent(
  'PitStopRecorded',
  1,
  z.object({
    ...raceKey,
    driverRef: ref,
    stop: z.number().int().positive(),
    lap: count,
    /** Local time of day at the circuit, as published (`17:05:23`). */
    localTimeOfDay: utcTime,
    durationMs: milliseconds.nullable(),
  }),
);

/** Points a constructor scored at one race, as published (status `D` when disqualified). */
export const ConstructorRaceResultRecorded = defineEvent(
  'ConstructorRaceResultRecorded',
  1,
  z.object({ ...raceKey, constructorRef: ref, points, status: text.nullable() }),
);

const driverStanding = z.object({
  ...raceKey,
  driverRef: ref,
  points,
  position: z.number().int().positive().nullable(),
  positionText: text,
  wins: count,
});
const constructorStanding = driverStanding.omit({ driverRef: true }).extend({ constructorRef: ref });

/** Standings after a round as the source published them. */
export const DriverStandingPublished = defineEvent('DriverStandingPublished', 1, driverStanding);
export const ConstructorStandingPublished = defineEvent(
  'ConstructorStandingPublished',
  1,
  constructorStanding,
);
/**
 * How many race and sprint results a calculation counted. A season's set of results only grows
 * (a correction replaces a result with a newer one), so with `recordedAt` it orders two
 * calculations of one standing: a redelivered earlier one never replaces a later one.
 */
const calculatedFrom = { resultsCounted: count.optional() };
/** Standings after a round as slipstream computed them from results and adjustments. */
export const DriverStandingCalculated = defineEvent(
  'DriverStandingCalculated',
  1,
  driverStanding.extend(calculatedFrom),
);
export const ConstructorStandingCalculated = defineEvent(
  'ConstructorStandingCalculated',
  1,
  constructorStanding.extend(calculatedFrom),
);

/** Why and on whose authority: official decisions that results alone do not show. */
const decision = { reason: text, reference: z.url() };

export const ConstructorPointsAdjusted = defineEvent(
  'ConstructorPointsAdjusted',
  1,
  z.object({ ...raceKey, constructorRef: ref, pointsDelta: points, ...decision }),
);
/** Excluded from the championship (McLaren 2007): listed last, with `E`, points as scored. */
export const ConstructorExcluded = defineEvent(
  'ConstructorExcluded',
  1,
  z.object({ season, fromRound: round, constructorRef: ref, ...decision }),
);
/** The entry restarted from zero at this round: what it scored before no longer counts. */
export const ConstructorReEntered = defineEvent(
  'ConstructorReEntered',
  1,
  z.object({ ...raceKey, constructorRef: ref, ...decision }),
);
/** Disqualified from the championship (Schumacher 1997): listed last, with `D`, results kept. */
export const DriverDisqualified = defineEvent(
  'DriverDisqualified',
  1,
  z.object({ season, fromRound: round, driverRef: ref, ...decision }),
);

/**
 * The official classification of a race changed after the result the sources carry (a time
 * penalty): the driver's finishing position becomes `position`, those in between move up one.
 */
export const RaceResultCorrected = defineEvent(
  'RaceResultCorrected',
  1,
  z.object({ ...raceKey, driverRef: ref, fromPosition: round, position: round, ...decision }),
);

export const HISTORICAL_EVENTS = [
  SeasonRegistered,
  CircuitRegistered,
  RaceScheduled,
  DriverRegistered,
  ConstructorRegistered,
  FinishingStatusRegistered,
  RaceResultRecorded,
  SprintResultRecorded,
  QualifyingResultRecorded,
  LapTimeRecorded,
  PitStopRecorded,
  ConstructorRaceResultRecorded,
  DriverStandingPublished,
  ConstructorStandingPublished,
  DriverStandingCalculated,
  ConstructorStandingCalculated,
  ConstructorPointsAdjusted,
  ConstructorExcluded,
  ConstructorReEntered,
  DriverDisqualified,
  RaceResultCorrected,
] as const;

export type HistoricalEvent = EventOf<(typeof HISTORICAL_EVENTS)[number]>;

const DEFINITIONS = new Map<string, (typeof HISTORICAL_EVENTS)[number]>(
  HISTORICAL_EVENTS.map((definition) => [definition.type, definition]),
);

/** Validates an event read from EVENTS against its definition; throws naming the type or the field. */
export function parseHistoricalEvent(event: { type: string }): HistoricalEvent {
  const definition = DEFINITIONS.get(event.type);
  if (!definition) throw new Error(`Not a historical event type: ${event.type}`);
  return definition.schema.parse(event) as HistoricalEvent;
}
export type HistoricalEventType = HistoricalEvent['type'];
export type HistoricalEventData<T extends HistoricalEventType> = Extract<
  HistoricalEvent,
  { type: T }
>['data'];

type Keys = Array<string | number>;
const race = (d: { season: number; round: number }): Keys => [d.season, d.round];

/** Aggregate and subject keys per event type; the subject's event token is the type in snake case. */
const SUBJECT_KEYS: {
  [T in HistoricalEventType]: [aggregate: string, keys: (data: HistoricalEventData<T>) => Keys];
} = {
  SeasonRegistered: ['season', (d) => [d.season]],
  CircuitRegistered: ['circuit', (d) => [d.circuitRef]],
  DriverRegistered: ['driver', (d) => [d.driverRef]],
  ConstructorRegistered: ['constructor', (d) => [d.constructorRef]],
  FinishingStatusRegistered: ['status', (d) => [d.statusId]],
  RaceScheduled: ['race', race],
  RaceResultRecorded: ['race', (d) => [...race(d), d.driverRef]],
  SprintResultRecorded: ['race', (d) => [...race(d), d.driverRef]],
  QualifyingResultRecorded: ['race', (d) => [...race(d), d.driverRef]],
  LapTimeRecorded: ['race', (d) => [...race(d), d.driverRef]],
  PitStopRecorded: ['race', (d) => [...race(d), d.driverRef]],
  ConstructorRaceResultRecorded: ['race', (d) => [...race(d), d.constructorRef]],
  DriverStandingPublished: ['standings', (d) => [...race(d), d.driverRef]],
  DriverStandingCalculated: ['standings', (d) => [...race(d), d.driverRef]],
  ConstructorStandingPublished: ['standings', (d) => [...race(d), d.constructorRef]],
  ConstructorStandingCalculated: ['standings', (d) => [...race(d), d.constructorRef]],
  ConstructorPointsAdjusted: ['standings', (d) => [...race(d), d.constructorRef]],
  ConstructorReEntered: ['standings', (d) => [...race(d), d.constructorRef]],
  ConstructorExcluded: ['standings', (d) => [d.season, d.fromRound, d.constructorRef]],
  DriverDisqualified: ['standings', (d) => [d.season, d.fromRound, d.driverRef]],
  RaceResultCorrected: ['standings', (d) => [...race(d), d.driverRef]],
};

/**
 * `f1.<aggregate>.<event>.<key…>`, e.g. `f1.race.race_result_recorded.2023.1.max_verstappen`:
 * race-weekend facts end in season, round and the driver or constructor, so a consumer can filter
 * one race or one driver, and per-driver order holds.
 */
export function historicalEventSubject(event: HistoricalEvent): string {
  const [aggregate, keys] = SUBJECT_KEYS[event.type] as [string, (data: unknown) => Keys];
  return eventSubject(aggregate, toSnakeCase(event.type), ...keys(event.data));
}

function toSnakeCase(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
