import {
  byCar,
  count,
  flag,
  indexed,
  numeric,
  oneOf,
  positionText,
  record,
  type Shape,
  text,
} from './patch-shapes';

/*
 * The shape of every live-timing patch this project merges, per topic, as F1's feed sends it (read
 * from the 2025 archives and live captures under libs/livetiming/fixtures and data/sessions). A
 * patch is partial, so every field is optional; what a field holds when present is fixed. A patch
 * that breaks its shape is never merged: merged, a null `Lines` or a car keyed `0` would corrupt the
 * session state for every later message (phantom cars, lost cars, shared positions).
 */

const timedValue = record({
  Value: text,
  Status: numeric,
  OverallFastest: flag,
  PersonalFastest: flag,
  Lap: count,
});

const sector = record({
  Stopped: flag,
  Value: text,
  PreviousValue: text,
  Status: numeric,
  OverallFastest: flag,
  PersonalFastest: flag,
  Segments: indexed(record({ Status: numeric })),
});

const timingLine = record({
  Position: positionText,
  ShowPosition: flag,
  RacingNumber: text,
  Line: count,
  Retired: flag,
  InPit: flag,
  PitOut: flag,
  Stopped: flag,
  Status: numeric,
  NumberOfLaps: count,
  NumberOfPitStops: count,
  KnockedOut: flag,
  Cutoff: flag,
  GapToLeader: text,
  TimeDiffToFastest: text,
  TimeDiffToPositionAhead: text,
  IntervalToPositionAhead: record({ Value: text, Catching: flag }),
  Sectors: indexed(sector),
  Speeds: record({ I1: timedValue, I2: timedValue, FL: timedValue, ST: timedValue }),
  BestLapTime: timedValue,
  LastLapTime: timedValue,
  BestLapTimes: indexed(timedValue),
  Stats: indexed(record({ TimeDiffToFastest: text, TimeDifftoPositionAhead: text })),
});

const stint = record({
  Compound: text,
  New: text,
  TyresNotChanged: text,
  TotalLaps: count,
  StartLaps: count,
  LapFlags: numeric,
  LapTime: text,
  LapNumber: count,
});

const driver = record({
  RacingNumber: text,
  BroadcastName: text,
  FullName: text,
  Tla: text,
  Line: count,
  TeamName: text,
  TeamColour: text,
  FirstName: text,
  LastName: text,
  Reference: text,
  HeadshotUrl: text,
});

export const TOPIC_SHAPES: Record<string, Shape> = {
  TimingData: record({
    Lines: byCar(timingLine),
    Withheld: flag,
    SessionPart: count,
    CutOffTime: text,
    CutOffPercentage: text,
    NoEntries: indexed(count),
  }),
  TimingAppData: record({
    Lines: byCar(record({ RacingNumber: text, Line: count, GridPos: text, Stints: indexed(stint) })),
  }),
  TimingStats: record({ Lines: byCar(record({ RacingNumber: text, Line: count })), Withheld: flag }),
  DriverList: byCar(driver),
  SessionStatus: record({ Status: text, Started: text }),
  TrackStatus: record({ Status: text, Message: text }),
  RaceControlMessages: record({
    Messages: indexed(record({ Utc: text, Category: text, Message: text, Lap: count })),
  }),
  WeatherData: record({
    AirTemp: text,
    TrackTemp: text,
    Humidity: text,
    Pressure: text,
    Rainfall: text,
    WindDirection: text,
    WindSpeed: text,
  }),
  LapCount: record({ CurrentLap: count, TotalLaps: count }),
  SessionInfo: record({
    Meeting: record({ Key: oneOf(count, text), Name: text }),
    Key: oneOf(count, text),
    Type: text,
    Name: text,
    StartDate: text,
    EndDate: text,
    GmtOffset: text,
    Path: text,
  }),
  Heartbeat: record({ Utc: text }),
};

/** Topics this project does not interpret: any object patch merges, as F1's own clients do. */
const anyObjectPatch: Shape = record({});

/** The violation that keeps a topic's patch out of the session state, or undefined if it fits. */
export function patchViolation(
  topic: string,
  payload: unknown,
): { path: string; message: string } | undefined {
  // Telemetry frames (`CarData.z`, `Position.z`) are whole objects too; their readers check the samples.
  const violation = (TOPIC_SHAPES[topic] ?? anyObjectPatch)(payload, []);
  return violation && { path: violation.path.join('.') || '(root)', message: violation.message };
}

/** A live-timing patch that does not fit its topic's shape; it is dead-lettered, never merged. */
export class InvalidPatchError extends Error {
  override readonly name = 'InvalidPatchError';
  constructor(
    readonly topic: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${topic} patch does not fit its schema at ${path}: ${problem}`);
  }
}

/** Throws InvalidPatchError unless the patch fits its topic's shape. */
export function assertValidPatch(topic: string, payload: unknown): void {
  const violation = patchViolation(topic, payload);
  if (violation) throw new InvalidPatchError(topic, violation.path, violation.message);
}
