import { type CarDataBatch, type PositionBatch, type SessionEvent } from '@slipstream/contracts';

import { emptyTimingRow, type EventData, type LiveSession, type TimingRow } from './live-session';
import { colourSectors } from './sector-colours';

/** Race control messages kept for snapshots: a session rarely has more; a newcomer needs the latest. */
export const RACE_CONTROL_KEPT = 100;

/*
 * The gateway's read model: the style guide's `evolve(state, event)` as a plain function, named
 * `apply` because it mutates in place: it runs for every telemetry frame of every car, and copying
 * the state would be the gateway's main cost.
 */

export function applyEvent(session: LiveSession, event: SessionEvent): void {
  switch (event.type) {
    case 'SessionInfoRecorded':
      session.info = event.data;
      break;
    case 'SessionStatusChanged':
      session.status = event.data;
      break;
    case 'SessionDriverRegistered':
      session.drivers.set(event.data.driverNumber, event.data);
      rowOf(session, event.data.driverNumber);
      break;
    case 'LapCompleted':
      lapCompleted(session, event.data);
      break;
    case 'LapTimeDeleted': {
      const lap = session.timing.get(event.data.driverNumber)?.lastLap;
      if (lap && lap.lapNumber === event.data.lapNumber) lap.deleted = true;
      break;
    }
    case 'PositionChanged':
      rowOf(session, event.data.driverNumber).position = event.data.position;
      break;
    case 'GapChanged': {
      const row = rowOf(session, event.data.driverNumber);
      row.gapToLeader = event.data.gapToLeader.text || null;
      row.intervalToPositionAhead = event.data.intervalToPositionAhead.text || null;
      break;
    }
    case 'ClassificationUpdated':
      classificationUpdated(session, event.data);
      break;
    case 'StintStarted':
    case 'StintUpdated':
      stintChanged(session, event.data);
      break;
    case 'SessionPitStopRecorded': {
      const stops = session.pitStops.get(event.data.driverNumber) ?? [];
      if (!stops.some((stop) => stop.pitStopNumber === event.data.pitStopNumber)) stops.push(event.data);
      session.pitStops.set(event.data.driverNumber, stops);
      const row = rowOf(session, event.data.driverNumber);
      row.numberOfPitStops = Math.max(row.numberOfPitStops, stops.length);
      break;
    }
    case 'RaceControlMessageIssued':
      raceControlIssued(session, event.data);
      break;
    case 'TrackStatusChanged':
      session.trackStatus = event.data;
      break;
    case 'WeatherRecorded':
      session.weather = event.data;
      break;
    case 'LiveTopicAccessRecorded':
      session.unavailableTopics = event.data.unavailableTopics;
      break;
  }
}

/** Keeps each car's latest sample: enough for a snapshot; history is what the stream is for. */
export function applyTelemetry(
  session: LiveSession,
  kind: 'telemetry' | 'positions',
  batch: CarDataBatch | PositionBatch,
): void {
  const last = batch.samples.at(-1);
  if (!last) return;
  if (kind === 'telemetry') session.carData.set(batch.driverNumber, last as CarDataBatch['samples'][number]);
  else session.positions.set(batch.driverNumber, last as PositionBatch['samples'][number]);
}

function rowOf(session: LiveSession, driverNumber: number): TimingRow {
  let row = session.timing.get(driverNumber);
  if (!row) {
    row = emptyTimingRow(driverNumber);
    session.timing.set(driverNumber, row);
  }
  return row;
}

function lapCompleted(session: LiveSession, lap: EventData<'LapCompleted'>): void {
  const row = rowOf(session, lap.driverNumber);
  const sectorsMs = [lap.sector1Ms, lap.sector2Ms, lap.sector3Ms];
  const sectorStatus = colourSectors(sectorsMs, row.bestSectorsMs, session.overallBestSectorsMs);
  row.lastLap = {
    lapNumber: lap.lapNumber,
    lapTimeMs: lap.lapTimeMs,
    sectorsMs,
    sectorStatus,
    isPersonalBest: lap.isPersonalBest,
    isOverallBest: lap.isOverallBest,
    deleted: false,
  };
  row.lapsCompleted = Math.max(row.lapsCompleted, lap.lapNumber);
  if (lap.lapTimeMs !== null && (row.bestLapTimeMs === null || lap.lapTimeMs < row.bestLapTimeMs)) {
    row.bestLapTimeMs = lap.lapTimeMs;
    row.bestLapNumber = lap.lapNumber;
  }
}

function classificationUpdated(
  session: LiveSession,
  classification: EventData<'ClassificationUpdated'>,
): void {
  session.phase = classification.phase;
  session.sessionPart = classification.sessionPart;
  for (const entry of classification.entries) {
    const row = rowOf(session, entry.driverNumber);
    row.position = entry.position;
    row.lapsCompleted = entry.lapsCompleted;
    // The feed's best lap has deleted laps taken out; ours from LapCompleted may not.
    row.bestLapTimeMs = entry.bestLapTimeMs;
    row.bestLapNumber = entry.bestLapNumber;
    row.bestLapTimesByPartMs = entry.bestLapTimesByPartMs;
    row.gapToLeader = entry.gapToLeader || row.gapToLeader;
    row.intervalToPositionAhead = entry.intervalToPositionAhead || row.intervalToPositionAhead;
    row.numberOfPitStops = entry.numberOfPitStops;
    row.status = entry.status;
  }
}

function stintChanged(session: LiveSession, stint: EventData<'StintStarted'>): void {
  const stints = session.stints.get(stint.driverNumber) ?? [];
  const index = stints.findIndex((known) => known.stintNumber === stint.stintNumber);
  if (index >= 0) stints[index] = stint;
  else stints.push(stint);
  stints.sort((a, b) => a.stintNumber - b.stintNumber);
  session.stints.set(stint.driverNumber, stints);
}

function raceControlIssued(session: LiveSession, message: EventData<'RaceControlMessageIssued'>): void {
  const messages = session.raceControl;
  const index = messages.findIndex((known) => known.messageIndex === message.messageIndex);
  if (index >= 0) messages[index] = message;
  else messages.push(message);
  messages.sort((a, b) => a.messageIndex - b.messageIndex);
  if (messages.length > RACE_CONTROL_KEPT) messages.splice(0, messages.length - RACE_CONTROL_KEPT);
}
