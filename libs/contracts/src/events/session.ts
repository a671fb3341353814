import { z } from 'zod';

import { defineEvent, EventOf, isoTimestamp } from '../envelope';
import { LiveTopicAccessRecorded } from '../live-topic-access';
import { eventSubject } from '../subjects';

/*
 * What happened in one live-timing session, derived from F1's feed by normalization. Times are
 * UTC with millisecond precision; durations are integer milliseconds; `sessionTimeMs` counts from
 * the session's first `Started` status, not from the start of the data stream.
 */

const sessionKey = z.number().int().positive();
const driverNumber = z.number().int().nonnegative();
const durationMs = z.number().int().nonnegative();
const sessionTimeMs = z.number().int().nullable();
const text = z.string().nullable();
const kph = z.number().int().nonnegative().nullable();
/** Qualifying part 1-3; null outside qualifying. */
const sessionPart = z.number().int().positive().nullable();

export const SessionInfoRecorded = defineEvent(
  'SessionInfoRecorded',
  1,
  z.object({
    sessionKey,
    meetingKey: z.number().int().positive(),
    meetingName: z.string(),
    meetingOfficialName: text,
    location: text,
    countryCode: text,
    countryName: text,
    /** F1's country key (`Meeting.Country.Key`); null in events recorded before it was kept. */
    countryKey: z.number().int().nullable().default(null),
    circuitKey: z.number().int().nullable(),
    circuitShortName: text,
    /** F1's type: `Practice`, `Qualifying`, `Race` (sprints are `Race`). */
    sessionType: z.string(),
    sessionName: z.string(),
    scheduledStartUtc: isoTimestamp.nullable(),
    scheduledEndUtc: isoTimestamp.nullable(),
    /** Circuit offset from UTC as F1 writes it, e.g. `-06:00:00`. */
    gmtOffset: text,
    archivePath: text,
  }),
);

/** `status` as the feed spells it: Inactive, Started, Aborted, Finished, Finalised, Ends. */
export const SessionStatusChanged = defineEvent(
  'SessionStatusChanged',
  1,
  z.object({ sessionKey, status: z.string().min(1), previousStatus: text, sessionPart, sessionTimeMs }),
);

export const SessionDriverRegistered = defineEvent(
  'SessionDriverRegistered',
  1,
  z.object({
    sessionKey,
    driverNumber,
    broadcastName: text,
    fullName: text,
    firstName: text,
    lastName: text,
    nameAcronym: text,
    teamName: text,
    teamColour: text,
    headshotUrl: text,
    reference: text,
  }),
);

/**
 * Lap numbers follow F1's own count (race control and TimingAppData): in a race the lap just
 * finished; in qualifying and practice the garage exit counts as lap 1, so the first lap that
 * crosses the line is lap 2.
 */
export const LapCompleted = defineEvent(
  'LapCompleted',
  1,
  z.object({
    sessionKey,
    driverNumber,
    lapNumber: z.number().int().positive(),
    /** Null when the feed shows no time, e.g. the first lap of a race or the first out-lap. */
    lapTimeMs: durationMs.nullable(),
    sector1Ms: durationMs.nullable(),
    sector2Ms: durationMs.nullable(),
    sector3Ms: durationMs.nullable(),
    speedI1Kph: kph,
    speedI2Kph: kph,
    speedFinishLineKph: kph,
    speedTrapKph: kph,
    isPitOutLap: z.boolean(),
    isPitInLap: z.boolean(),
    isPersonalBest: z.boolean(),
    /** Fastest of the session when it was set, or flagged so by the feed (in qualifying: of the part). */
    isOverallBest: z.boolean(),
    sessionPart,
    /** Mini-sector statuses of each sector (2049 green, 2051 purple, 2048 yellow…; 0 none); [] in events before they were kept. */
    segmentsSector1: z.array(z.number().int().nonnegative()).default([]),
    segmentsSector2: z.array(z.number().int().nonnegative()).default([]),
    segmentsSector3: z.array(z.number().int().nonnegative()).default([]),
    startedAt: isoTimestamp.nullable(),
    sessionTimeMs,
  }),
);

/** Race control deleted a lap time (track limits and the like); the lap itself stays completed. */
export const LapTimeDeleted = defineEvent(
  'LapTimeDeleted',
  1,
  z.object({
    sessionKey,
    driverNumber,
    lapNumber: z.number().int().positive().nullable(),
    lapTimeMs: durationMs.nullable(),
    raceControlMessageIndex: z.number().int().nonnegative(),
    reason: z.string(),
  }),
);

export const PositionChanged = defineEvent(
  'PositionChanged',
  1,
  z.object({
    sessionKey,
    driverNumber,
    position: z.number().int().positive(),
    previousPosition: z.number().int().positive().nullable(),
  }),
);

/** A gap as shown (`+1.234`, `1L`, `LAP 18`, ``) and, when it is one, as time or laps. */
export const gapSchema = z.object({
  text: z.string(),
  ms: z.number().int().nullable(),
  laps: z.number().int().nullable(),
});

/** Races: gap to the leader and interval to the car ahead. Qualifying: the same per part, to the fastest. */
export const GapChanged = defineEvent(
  'GapChanged',
  1,
  z.object({
    sessionKey,
    driverNumber,
    sessionPart,
    gapToLeader: gapSchema,
    intervalToPositionAhead: gapSchema,
  }),
);

const stintData = z.object({
  sessionKey,
  driverNumber,
  stintNumber: z.number().int().positive(),
  /** SOFT, MEDIUM, HARD, INTERMEDIATE, WET; UNKNOWN or null when the feed does not say. */
  compound: text,
  isNew: z.boolean().nullable(),
  tyreAgeAtStartLaps: z.number().int().nonnegative().nullable(),
  tyreAgeLaps: z.number().int().nonnegative().nullable(),
  /**
   * The first lap driven on the set (OpenF1's lap_start): 1 for the first stint, else the lap after
   * the car's pit entry; null where the session has no TimingData to count laps by (the read
   * model then counts the earlier stints' laps, TotalLaps − StartLaps).
   */
  startLapNumber: z.number().int().positive().nullable(),
});
export const StintStarted = defineEvent('StintStarted', 1, stintData);
export const StintUpdated = defineEvent('StintUpdated', 1, stintData);

export const SessionPitStopRecorded = defineEvent(
  'SessionPitStopRecorded',
  1,
  z.object({
    sessionKey,
    driverNumber,
    pitStopNumber: z.number().int().positive(),
    /** The lap on which the car entered the pit lane. */
    lapNumber: z.number().int().positive(),
    pitInAt: isoTimestamp,
    pitOutAt: isoTimestamp,
    /** Pit entry to pit exit; in qualifying and practice it includes the time in the garage. */
    laneDurationMs: durationMs.nullable(),
    sessionTimeMs,
  }),
);

export const RaceControlMessageIssued = defineEvent(
  'RaceControlMessageIssued',
  1,
  z.object({
    sessionKey,
    /** Index in the feed's message list; stable for the whole session. */
    messageIndex: z.number().int().nonnegative(),
    issuedAt: isoTimestamp,
    lapNumber: z.number().int().positive().nullable(),
    category: z.string(),
    message: z.string(),
    flag: text,
    scope: text,
    sector: z.number().int().nullable(),
    driverNumber: driverNumber.nullable(),
    status: text,
    mode: text,
  }),
);

export const trackStateSchema = z.enum([
  'all_clear',
  'yellow',
  'safety_car',
  'red',
  'virtual_safety_car',
  'virtual_safety_car_ending',
  'unknown',
]);

export const TrackStatusChanged = defineEvent(
  'TrackStatusChanged',
  1,
  z.object({
    sessionKey,
    code: z.string(),
    state: trackStateSchema,
    message: z.string(),
    previousCode: text,
  }),
);

const measurement = z.number().nullable();
export const WeatherRecorded = defineEvent(
  'WeatherRecorded',
  1,
  z.object({
    sessionKey,
    airTemperatureC: measurement,
    trackTemperatureC: measurement,
    humidityPercent: measurement,
    pressureMbar: measurement,
    rainfall: z.boolean().nullable(),
    windDirectionDeg: measurement,
    windSpeedMps: measurement,
  }),
);

export const classifiedStatusSchema = z.enum(['running', 'stopped', 'retired', 'knocked_out']);

export const classificationEntrySchema = z.object({
  position: z.number().int().positive().nullable(),
  driverNumber,
  lapsCompleted: z.number().int().nonnegative(),
  bestLapTimeMs: durationMs.nullable(),
  bestLapNumber: z.number().int().positive().nullable(),
  /** Qualifying: best lap of Q1, Q2, Q3 (null where none); empty in other sessions. */
  bestLapTimesByPartMs: z.array(durationMs.nullable()),
  gapToLeader: text,
  intervalToPositionAhead: text,
  numberOfPitStops: z.number().int().nonnegative(),
  status: classifiedStatusSchema,
});

/**
 * The classification as the feed shows it (in-race penalties applied). `finalised` is the feed's
 * last word, which the stewards may still change; the official result comes from historical sources.
 */
export const ClassificationUpdated = defineEvent(
  'ClassificationUpdated',
  1,
  z.object({
    sessionKey,
    phase: z.enum(['live', 'finished', 'finalised']),
    sessionPart,
    entries: z.array(classificationEntrySchema),
  }),
);

export const SESSION_EVENTS = [
  SessionInfoRecorded,
  SessionStatusChanged,
  SessionDriverRegistered,
  LapCompleted,
  LapTimeDeleted,
  PositionChanged,
  GapChanged,
  StintStarted,
  StintUpdated,
  SessionPitStopRecorded,
  RaceControlMessageIssued,
  TrackStatusChanged,
  WeatherRecorded,
  ClassificationUpdated,
  LiveTopicAccessRecorded,
] as const;

export type SessionEvent = EventOf<(typeof SESSION_EVENTS)[number]>;
export type SessionEventType = SessionEvent['type'];
export type SessionEventOfType<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;

const SUBJECT_TOKENS: Record<SessionEventType, string> = {
  SessionInfoRecorded: 'info_recorded',
  SessionStatusChanged: 'status_changed',
  SessionDriverRegistered: 'driver_registered',
  LapCompleted: 'lap_completed',
  LapTimeDeleted: 'lap_time_deleted',
  PositionChanged: 'position_changed',
  GapChanged: 'gap_changed',
  StintStarted: 'stint_started',
  StintUpdated: 'stint_updated',
  SessionPitStopRecorded: 'pit_stop_recorded',
  RaceControlMessageIssued: 'race_control_message_issued',
  TrackStatusChanged: 'track_status_changed',
  WeatherRecorded: 'weather_recorded',
  ClassificationUpdated: 'classification_updated',
  LiveTopicAccessRecorded: 'live_topic_access_recorded',
};

/** Events about one car; the rest concern the whole session (race control names a car only in passing). */
const PER_DRIVER: ReadonlySet<SessionEventType> = new Set([
  'SessionDriverRegistered',
  'LapCompleted',
  'LapTimeDeleted',
  'PositionChanged',
  'GapChanged',
  'StintStarted',
  'StintUpdated',
  'SessionPitStopRecorded',
]);

/**
 * `f1.session.<event>.<sessionKey>[.<driver>]`, e.g. `f1.session.lap_completed.9873.44`: a consumer
 * can filter one session or one car, and per-driver order holds.
 */
export function sessionEventSubject(event: SessionEvent): string {
  const keys: number[] = [event.data.sessionKey];
  if (PER_DRIVER.has(event.type)) keys.push((event.data as { driverNumber: number }).driverNumber);
  return eventSubject('session', SUBJECT_TOKENS[event.type], ...keys);
}

export const SESSION_EVENT_SUBJECTS = 'f1.session.>';

export type ClassificationUpdatedEvent = SessionEventOfType<'ClassificationUpdated'>;
export type Gap = z.infer<typeof gapSchema>;
export type TrackState = z.infer<typeof trackStateSchema>;
export type ClassifiedStatus = z.infer<typeof classifiedStatusSchema>;
export type ClassificationEntry = z.infer<typeof classificationEntrySchema>;
