import { type z } from 'zod';

import {
  ClassificationUpdated,
  createEvent,
  deterministicId,
  type EventDefinition,
  GapChanged,
  LapCompleted,
  LiveTopicAccessRecorded,
  PositionChanged,
  RaceControlMessageIssued,
  SessionDriverRegistered,
  type SessionEvent,
  SessionInfoRecorded,
  SessionStatusChanged,
  StintStarted,
  TrackStatusChanged,
} from '@slipstream/contracts';

const BASE_MS = Date.parse('2025-10-25T21:00:00.000Z');

/** Real contract events for one session, with deterministic ids; `at` counts seconds into the session. */
export function sessionEvents(sessionKey: number) {
  const make = <T extends string, D extends z.ZodType>(
    definition: EventDefinition<T, D>,
    key: Array<string | number>,
    at: number,
    data: z.input<D>,
  ) =>
    createEvent(definition, {
      id: deterministicId('test', sessionKey, definition.type, ...key),
      occurredAt: new Date(BASE_MS + at * 1000).toISOString(),
      recordedAt: new Date(BASE_MS + at * 1000).toISOString(),
      source: 'livetiming',
      correlationId: `test-${sessionKey}`,
      data,
    }) as SessionEvent;
  return {
    info: () =>
      make(SessionInfoRecorded, [], 0, {
        sessionKey,
        meetingKey: 1272,
        meetingName: 'Mexico City Grand Prix',
        meetingOfficialName: null,
        location: 'Mexico City',
        countryCode: 'MEX',
        countryName: 'Mexico',
        circuitKey: 65,
        circuitShortName: 'Mexico City',
        sessionType: 'Qualifying',
        sessionName: 'Qualifying',
        scheduledStartUtc: '2025-10-25T21:00:00.000Z',
        scheduledEndUtc: '2025-10-25T22:00:00.000Z',
        gmtOffset: '-06:00:00',
        archivePath: null,
      }),
    status: (status: string, at = 0) =>
      make(SessionStatusChanged, [status, at], at, {
        sessionKey,
        status,
        previousStatus: null,
        sessionPart: 1,
        sessionTimeMs: at * 1000,
      }),
    driver: (driverNumber: number, acronym: string, teamColour = '3671C6') =>
      make(SessionDriverRegistered, [driverNumber], 0, {
        sessionKey,
        driverNumber,
        broadcastName: acronym,
        fullName: acronym,
        firstName: null,
        lastName: null,
        nameAcronym: acronym,
        teamName: 'Test Team',
        teamColour,
        headshotUrl: null,
        reference: null,
      }),
    lap: (
      driverNumber: number,
      lapNumber: number,
      sectorsMs: [number, number, number],
      at = lapNumber * 80,
    ) =>
      make(LapCompleted, [driverNumber, lapNumber], at, {
        sessionKey,
        driverNumber,
        lapNumber,
        lapTimeMs: sectorsMs[0] + sectorsMs[1] + sectorsMs[2],
        sector1Ms: sectorsMs[0],
        sector2Ms: sectorsMs[1],
        sector3Ms: sectorsMs[2],
        speedI1Kph: null,
        speedI2Kph: null,
        speedFinishLineKph: null,
        speedTrapKph: null,
        isPitOutLap: false,
        isPitInLap: false,
        isPersonalBest: false,
        isOverallBest: false,
        sessionPart: 1,
        startedAt: null,
        sessionTimeMs: at * 1000,
      }),
    position: (driverNumber: number, position: number, at = 0) =>
      make(PositionChanged, [driverNumber, position, at], at, {
        sessionKey,
        driverNumber,
        position,
        previousPosition: null,
      }),
    gap: (driverNumber: number, gapText: string, intervalText: string, at = 0) =>
      make(GapChanged, [driverNumber, gapText, at], at, {
        sessionKey,
        driverNumber,
        sessionPart: 1,
        gapToLeader: { text: gapText, ms: null, laps: null },
        intervalToPositionAhead: { text: intervalText, ms: null, laps: null },
      }),
    stint: (driverNumber: number, stintNumber: number, compound: string) =>
      make(StintStarted, [driverNumber, stintNumber], 0, {
        sessionKey,
        driverNumber,
        stintNumber,
        compound,
        isNew: true,
        tyreAgeAtStartLaps: 0,
        tyreAgeLaps: 0,
        startLapNumber: 1,
      }),
    raceControl: (messageIndex: number, message: string, flag: string | null = null) =>
      make(RaceControlMessageIssued, [messageIndex], messageIndex, {
        sessionKey,
        messageIndex,
        issuedAt: new Date(BASE_MS + messageIndex * 1000).toISOString(),
        lapNumber: null,
        category: flag ? 'Flag' : 'Other',
        message,
        flag,
        scope: flag ? 'Track' : null,
        sector: null,
        driverNumber: null,
        status: null,
        mode: null,
      }),
    trackStatus: (code: string, state: 'all_clear' | 'yellow' | 'red', at = 0) =>
      make(TrackStatusChanged, [code, at], at, {
        sessionKey,
        code,
        state,
        message: state.toUpperCase(),
        previousCode: null,
      }),
    /** The live ingest's topics it cannot receive: `no_token` for each; [] clears them. */
    topicAccess: (unavailable: string[], at = 0) =>
      make(LiveTopicAccessRecorded, [unavailable.join(','), at], at, {
        sessionKey,
        unavailableTopics: unavailable.map((topic) => ({ topic, reason: 'no_token' as const })),
      }),
    classification: (order: number[], at = 0) =>
      make(ClassificationUpdated, [at], at, {
        sessionKey,
        phase: 'live',
        sessionPart: 1,
        entries: order.map((driverNumber, index) => ({
          position: index + 1,
          driverNumber,
          lapsCompleted: 3,
          bestLapTimeMs: 77_000 + index * 100,
          bestLapNumber: 2,
          bestLapTimesByPartMs: [77_000 + index * 100],
          gapToLeader: index === 0 ? '' : `+${(index * 0.1).toFixed(3)}`,
          intervalToPositionAhead: index === 0 ? '' : '+0.100',
          numberOfPitStops: 0,
          status: 'running' as const,
        })),
      }),
  };
}

export function carBatch(sessionKey: number, driverNumber: number, utcMs: number, speed: number) {
  return {
    sessionKey,
    driverNumber,
    samples: [{ utcMs, rpm: 11_000, speed, gear: 7, throttle: 100, brake: 0, drs: 0 }],
  };
}

export function positionBatch(sessionKey: number, driverNumber: number, utcMs: number, x: number, y: number) {
  return { sessionKey, driverNumber, samples: [{ utcMs, x, y, z: 0, status: 'OnTrack' as const }] };
}
