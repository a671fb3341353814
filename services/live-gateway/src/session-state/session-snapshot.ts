import {
  type CarDataSample,
  type FeedStream,
  type FeedTopic,
  type PositionSample,
  type UnavailableTopic,
} from '@slipstream/contracts';

import { type EventData, type LiveSession, type TimingRow } from './live-session';

/** The state a subscriber starts from; each key after `session` is present only for a subscribed topic. */
export interface SessionSnapshot {
  sessionKey: number;
  /** The snapshot is exact up to these stream sequences; deltas continue after them. */
  sequences: Record<FeedStream, number>;
  /** False when nothing about this session has reached this gateway yet (it may start later). */
  known: boolean;
  session: {
    info: EventData<'SessionInfoRecorded'> | null;
    status: EventData<'SessionStatusChanged'> | null;
    /** Topics the live ingest cannot receive and why (`no_token`); empty when every topic arrives. */
    unavailableTopics: UnavailableTopic[];
    drivers: Array<EventData<'SessionDriverRegistered'>>;
  };
  timing?: {
    phase: LiveSession['phase'];
    sessionPart: number | null;
    overallBestSectorsMs: Array<number | null>;
    /** In classification order; cars without a position last. */
    rows: TimingRow[];
  };
  stints?: Array<{
    driverNumber: number;
    stints: Array<EventData<'StintStarted'>>;
    pitStops: Array<EventData<'SessionPitStopRecorded'>>;
  }>;
  race_control?: Array<EventData<'RaceControlMessageIssued'>>;
  track_status?: EventData<'TrackStatusChanged'> | null;
  weather?: EventData<'WeatherRecorded'> | null;
  positions?: Array<{ driverNumber: number } & PositionSample>;
  telemetry?: Array<{ driverNumber: number } & CarDataSample>;
}

/** Builds a subscriber's snapshot; the driver filter applies to per-car parts, as it does to deltas. */
export function snapshotOf(
  session: LiveSession,
  topics: ReadonlySet<FeedTopic>,
  drivers: ReadonlySet<number> | null,
  known = true,
): SessionSnapshot {
  const wanted = (driverNumber: number) => !drivers || drivers.has(driverNumber);
  const snapshot: SessionSnapshot = {
    sessionKey: session.sessionKey,
    sequences: { ...session.sequences },
    known,
    session: {
      info: session.info,
      status: session.status,
      unavailableTopics: session.unavailableTopics.map((unavailable) => ({ ...unavailable })),
      drivers: [...session.drivers.values()].sort((a, b) => a.driverNumber - b.driverNumber),
    },
  };
  if (topics.has('timing')) {
    snapshot.timing = {
      phase: session.phase,
      sessionPart: session.sessionPart,
      overallBestSectorsMs: [...session.overallBestSectorsMs],
      rows: [...session.timing.values()]
        .filter((row) => wanted(row.driverNumber))
        .sort(byPosition)
        .map(copyRow),
    };
  }
  if (topics.has('stints')) {
    const numbers = new Set([...session.stints.keys(), ...session.pitStops.keys()]);
    snapshot.stints = [...numbers]
      .filter(wanted)
      .sort((a, b) => a - b)
      .map((driverNumber) => ({
        driverNumber,
        stints: [...(session.stints.get(driverNumber) ?? [])],
        pitStops: [...(session.pitStops.get(driverNumber) ?? [])],
      }));
  }
  if (topics.has('race_control')) snapshot.race_control = [...session.raceControl];
  if (topics.has('track_status')) snapshot.track_status = session.trackStatus;
  if (topics.has('weather')) snapshot.weather = session.weather;
  if (topics.has('positions')) snapshot.positions = latestSamples(session.positions, wanted);
  if (topics.has('telemetry')) snapshot.telemetry = latestSamples(session.carData, wanted);
  return snapshot;
}

function latestSamples<T extends object>(
  samples: Map<number, T>,
  wanted: (driverNumber: number) => boolean,
): Array<{ driverNumber: number } & T> {
  return [...samples.entries()]
    .filter(([driverNumber]) => wanted(driverNumber))
    .sort(([a], [b]) => a - b)
    .map(([driverNumber, sample]) => ({ driverNumber, ...sample }));
}

function byPosition(a: TimingRow, b: TimingRow): number {
  return (
    (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
    a.driverNumber - b.driverNumber
  );
}

/** Snapshots leave the process later (socket write); a copy keeps them from changing under it. */
function copyRow(row: TimingRow): TimingRow {
  return {
    ...row,
    lastLap: row.lastLap && {
      ...row.lastLap,
      sectorsMs: [...row.lastLap.sectorsMs],
      sectorStatus: [...row.lastLap.sectorStatus],
    },
    bestLapTimesByPartMs: [...row.bestLapTimesByPartMs],
    bestSectorsMs: [...row.bestSectorsMs],
  };
}
