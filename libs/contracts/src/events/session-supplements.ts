import { z } from 'zod';

import { defineEvent, EventOf, isoTimestamp } from '../envelope';
import { eventSubject } from '../subjects';

/*
 * Session facts from topics beside the timing tower (the grid, the pit crews' stationary times, the
 * championship prediction): kept apart from SESSION_EVENTS, as the team radio is, so that the live
 * gateway's timing model need not know them; published on EVENTS under `f1.session.…`.
 */

const sessionKey = z.number().int().positive();
const driverNumber = z.number().int().nonnegative();
const durationMs = z.number().int().nonnegative().nullable();

/** A car's place on the starting grid, as TimingAppData's `GridPos` gives it. */
export const GridPositionPublished = defineEvent(
  'GridPositionPublished',
  1,
  z.object({ sessionKey, driverNumber, position: z.number().int().positive() }),
);

/** One pit stop timed by PitStopSeries: the stationary time and the pit lane time, both as F1 timed them. */
export const PitStopTimed = defineEvent(
  'PitStopTimed',
  1,
  z.object({
    sessionKey,
    driverNumber,
    /** The lap the feed gives the stop (the in-lap). */
    lapNumber: z.number().int().positive(),
    timedAt: isoTimestamp,
    /** Wheels stopped to wheels moving (OpenF1's `stop_duration`). */
    stopDurationMs: durationMs,
    /** Pit entry to pit exit. */
    laneDurationMs: durationMs,
  }),
);

/**
 * One entrant of the ChampionshipPrediction topic as it stands after a message: the championship
 * before the session (`Current…`) and as it would be if the running order held (`Predicted…`).
 */
export const ChampionshipStandingPredicted = defineEvent(
  'ChampionshipStandingPredicted',
  1,
  z.object({
    sessionKey,
    championship: z.enum(['drivers', 'teams']),
    /** Drivers' championship: the car number; null for teams. */
    driverNumber: driverNumber.nullable(),
    /** Teams' championship: the team's name as the feed writes it; null for drivers. */
    teamName: z.string().min(1).nullable(),
    positionStart: z.number().int().positive().nullable(),
    positionCurrent: z.number().int().positive().nullable(),
    pointsStart: z.number().nonnegative().nullable(),
    pointsCurrent: z.number().nonnegative().nullable(),
  }),
);

export const SESSION_SUPPLEMENT_EVENTS = [
  GridPositionPublished,
  PitStopTimed,
  ChampionshipStandingPredicted,
] as const;

export type SessionSupplementEvent = EventOf<(typeof SESSION_SUPPLEMENT_EVENTS)[number]>;

const SUBJECT_TOKENS: Record<SessionSupplementEvent['type'], string> = {
  GridPositionPublished: 'grid_position_published',
  PitStopTimed: 'pit_stop_timed',
  ChampionshipStandingPredicted: 'championship_standing_predicted',
};

/** `f1.session.<event>.<sessionKey>[.<driver or team>]`. */
export function sessionSupplementSubject(event: SessionSupplementEvent): string {
  const { data } = event;
  const entrant =
    'championship' in data ? (data.driverNumber ?? data.teamName ?? 'unknown') : data.driverNumber;
  return eventSubject('session', SUBJECT_TOKENS[event.type], data.sessionKey, entrant);
}

export function isSessionSupplementEvent(event: { type: string }): event is SessionSupplementEvent {
  return event.type in SUBJECT_TOKENS;
}
