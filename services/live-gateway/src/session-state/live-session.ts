import {
  type CarDataSample,
  type ClassifiedStatus,
  type FeedStream,
  type PositionSample,
  type SessionEventOfType,
  type SessionEventType,
  type UnavailableTopic,
} from '@slipstream/contracts';

export type EventData<T extends SessionEventType> = SessionEventOfType<T>['data'];

/** As on TV: purple (`overall` best so far), green (`personal` best), yellow (`none`). */
export type SectorStatus = 'overall' | 'personal' | 'none';

export interface LapView {
  lapNumber: number;
  lapTimeMs: number | null;
  sectorsMs: Array<number | null>;
  /** Colours as they were when the lap was completed; null where the sector has no time. */
  sectorStatus: Array<SectorStatus | null>;
  isPersonalBest: boolean;
  isOverallBest: boolean;
  deleted: boolean;
}

/** One leaderboard line, merged from classification, position, gap and lap events. */
export interface TimingRow {
  driverNumber: number;
  position: number | null;
  gapToLeader: string | null;
  intervalToPositionAhead: string | null;
  lapsCompleted: number;
  lastLap: LapView | null;
  bestLapTimeMs: number | null;
  bestLapNumber: number | null;
  bestLapTimesByPartMs: Array<number | null>;
  /** The driver's best time per sector: what the next lap's sectors are coloured against. */
  bestSectorsMs: Array<number | null>;
  numberOfPitStops: number;
  status: ClassifiedStatus | null;
}

/** Everything the gateway knows about one session: what a snapshot is made of. */
export interface LiveSession {
  sessionKey: number;
  info: EventData<'SessionInfoRecorded'> | null;
  status: EventData<'SessionStatusChanged'> | null;
  /** Topics the live ingest cannot receive (no F1 TV token); empty when all arrive, or for a replay. */
  unavailableTopics: UnavailableTopic[];
  drivers: Map<number, EventData<'SessionDriverRegistered'>>;
  timing: Map<number, TimingRow>;
  phase: EventData<'ClassificationUpdated'>['phase'] | null;
  sessionPart: number | null;
  overallBestSectorsMs: Array<number | null>;
  stints: Map<number, Array<EventData<'StintStarted'>>>;
  pitStops: Map<number, Array<EventData<'SessionPitStopRecorded'>>>;
  trackStatus: EventData<'TrackStatusChanged'> | null;
  raceControl: Array<EventData<'RaceControlMessageIssued'>>;
  weather: EventData<'WeatherRecorded'> | null;
  positions: Map<number, PositionSample>;
  carData: Map<number, CarDataSample>;
  /** Last sequence applied per stream: a snapshot is exact up to these. */
  sequences: Record<FeedStream, number>;
  /** When the stream stored the session's latest message (epoch ms). */
  lastStoredAtMs: number;
  /** Stored-at minus occurred-at of the latest event: minutes or more means a replay. */
  feedLagMs: number | null;
}

export function emptySession(sessionKey: number): LiveSession {
  return {
    sessionKey,
    info: null,
    status: null,
    unavailableTopics: [],
    drivers: new Map(),
    timing: new Map(),
    phase: null,
    sessionPart: null,
    overallBestSectorsMs: [null, null, null],
    stints: new Map(),
    pitStops: new Map(),
    trackStatus: null,
    raceControl: [],
    weather: null,
    positions: new Map(),
    carData: new Map(),
    sequences: { EVENTS: 0, TELEMETRY: 0 },
    lastStoredAtMs: 0,
    feedLagMs: null,
  };
}

export function emptyTimingRow(driverNumber: number): TimingRow {
  return {
    driverNumber,
    position: null,
    gapToLeader: null,
    intervalToPositionAhead: null,
    lapsCompleted: 0,
    lastLap: null,
    bestLapTimeMs: null,
    bestLapNumber: null,
    bestLapTimesByPartMs: [],
    bestSectorsMs: [null, null, null],
    numberOfPitStops: 0,
    status: null,
  };
}
