import {
  type AnyEvent,
  ClassificationUpdated,
  GapChanged,
  LapTimeDeleted,
  PositionChanged,
  RaceScheduled,
  SessionInfoRecorded,
  SessionPitStopRecorded,
  SprintResultRecorded,
  StintStarted,
} from '@slipstream/contracts';

import { aLapCompleted, anEvent } from '../sessions/projection-fixtures';

/*
 * A three-car sprint, small enough to read: the feed classifies 4, 23, 81; the stewards' official
 * result (arriving later from the historical sources) drops car 23 from second to third.
 */
const sessionKey = 10028;
const at = (second: number) => new Date(Date.parse('2025-05-03T16:00:00Z') + second * 1000).toISOString();

const lap = (driverNumber: number, lapNumber: number, lapTimeMs: number | null) =>
  aLapCompleted(
    {
      sessionKey,
      driverNumber,
      lapNumber,
      lapTimeMs,
      speedTrapKph: 300 + lapNumber,
      startedAt: at(lapNumber * 100 - 100),
      sessionTimeMs: lapNumber * 100_000,
    },
    { occurredAt: at(lapNumber * 100), recordedAt: at(lapNumber * 100) },
  );

const entry = (driverNumber: number, position: number, gapToLeader: string) => ({
  position,
  driverNumber,
  lapsCompleted: 2,
  bestLapTimeMs: 99_000 + position,
  bestLapNumber: 2,
  bestLapTimesByPartMs: [],
  gapToLeader,
  intervalToPositionAhead: '',
  numberOfPitStops: 0,
  status: 'running' as const,
});

const officialResult = (carNumber: number, driverRef: string, positionOrder: number, timeMs: number) =>
  anEvent(
    SprintResultRecorded,
    {
      season: 2025,
      round: 6,
      driverRef,
      constructorRef: 'mclaren',
      carNumber,
      grid: positionOrder,
      position: positionOrder,
      positionText: String(positionOrder),
      positionOrder,
      points: 9 - positionOrder,
      laps: 2,
      timeMs,
      fastestLapNumber: 2,
      fastestLapRank: positionOrder,
      fastestLapTimeMs: 99_000 + positionOrder,
      fastestLapAverageSpeedKph: null,
      status: 'Finished',
    },
    { id: `official-${carNumber}`, source: 'ergast', recordedAt: '2025-05-05T10:00:00.000Z' },
  );

export const SPRINT_EVENTS: AnyEvent[] = [
  anEvent(SessionInfoRecorded, {
    sessionKey,
    meetingKey: 1259,
    meetingName: 'Miami Grand Prix',
    meetingOfficialName: null,
    location: 'Miami',
    countryCode: 'USA',
    countryName: 'United States',
    circuitKey: 151,
    circuitShortName: 'Miami',
    sessionType: 'Race',
    sessionName: 'Sprint',
    scheduledStartUtc: at(0),
    scheduledEndUtc: at(3600),
    gmtOffset: '-04:00:00',
    archivePath: null,
  }),
  lap(4, 1, null),
  lap(4, 2, 99_001),
  lap(23, 1, null),
  lap(23, 2, 95_000),
  anEvent(LapTimeDeleted, {
    sessionKey,
    driverNumber: 23,
    lapNumber: 2,
    lapTimeMs: 95_000,
    raceControlMessageIndex: 3,
    reason: 'TRACK LIMITS',
  }),
  ...[4, 23, 81].map((driverNumber, index) =>
    anEvent(
      PositionChanged,
      { sessionKey, driverNumber, position: index + 1, previousPosition: null },
      { id: `position-${driverNumber}`, occurredAt: at(1) },
    ),
  ),
  anEvent(GapChanged, {
    sessionKey,
    driverNumber: 81,
    sessionPart: null,
    gapToLeader: { text: '1L', ms: null, laps: 1 },
    intervalToPositionAhead: { text: '+0.672', ms: 672, laps: null },
  }),
  ...[1, 2].map((stintNumber) =>
    anEvent(
      StintStarted,
      {
        sessionKey,
        driverNumber: 4,
        stintNumber,
        compound: stintNumber === 1 ? 'INTERMEDIATE' : 'MEDIUM',
        isNew: true,
        tyreAgeAtStartLaps: 0,
        tyreAgeLaps: 0,
        startLapNumber: stintNumber,
      },
      { id: `stint-${stintNumber}` },
    ),
  ),
  anEvent(SessionPitStopRecorded, {
    sessionKey,
    driverNumber: 4,
    pitStopNumber: 1,
    lapNumber: 1,
    pitInAt: at(95),
    pitOutAt: at(118),
    laneDurationMs: 23_456,
    sessionTimeMs: 118_000,
  }),
  anEvent(ClassificationUpdated, {
    sessionKey,
    phase: 'finalised',
    sessionPart: null,
    entries: [entry(4, 1, ''), entry(23, 2, '+1.234'), entry(81, 3, '1L')],
  }),
];

/** What the historical sources bring later: the weekend calendar and the official sprint result. */
export const OFFICIAL_EVENTS: AnyEvent[] = [
  anEvent(
    RaceScheduled,
    {
      season: 2025,
      round: 6,
      raceName: 'Miami Grand Prix',
      circuitRef: 'miami',
      date: '2025-05-04',
      time: '20:00:00',
      url: null,
      sessions: {
        firstPractice: null,
        secondPractice: null,
        thirdPractice: null,
        qualifying: null,
        sprintQualifying: null,
        sprint: { date: '2025-05-03', time: '16:00:00' },
      },
    },
    { source: 'ergast' },
  ),
  officialResult(4, 'piastri', 1, 2_197_647),
  officialResult(81, 'norris', 2, 2_198_319),
  officialResult(23, 'albon', 3, 2_205_169),
];
