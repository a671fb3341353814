import { join } from 'node:path';

import { telemetrySubjects } from '@slipstream/contracts';
import {
  carDataSamplesByDriver,
  parseDurationMs,
  positionSamplesByDriver,
  readArchiveSession,
  SessionState,
} from '@slipstream/livetiming';

import { readErgastTable } from '../../libs/historical/src/testing/historical-fixtures';
import { projectTelemetry } from '../../services/projection/src/telemetry/telemetry.projector';
import { SESSIONS_DIR } from './livetiming-pipeline';

/*
 * What the recordings and the official results say on their own, read without the pipeline: the
 * expectations the live-timing end-to-end tests compare the read models with.
 */

const MEXICO = '2025-mexico-city-gp-qualifying';
const MEXICO_KEY = 9873;

/** What the recording itself says: every telemetry sample as a row, and TimingStats' best lap per car. */
export async function readMexicoFeed() {
  const rows: Record<'car_telemetry' | 'car_positions', unknown[][]> = {
    car_telemetry: [],
    car_positions: [],
  };
  const state = new SessionState();
  const topics = ['CarData.z', 'Position.z', 'TimingStats'];
  for await (const message of readArchiveSession(join(SESSIONS_DIR, MEXICO), { topics })) {
    if (message.topic === 'TimingStats') {
      state.apply(message.topic, message.payload);
      continue;
    }
    const kind = message.topic === 'CarData.z' ? 'car_data' : 'position';
    const byDriver =
      kind === 'car_data'
        ? carDataSamplesByDriver(message.payload)
        : positionSamplesByDriver(message.payload);
    if (byDriver.size === 0) continue;
    const cars = [...byDriver].map(([driverNumber, samples]) => ({ driverNumber, samples }));
    const projected = projectTelemetry(telemetrySubjects.frame(MEXICO_KEY, kind), {
      sessionKey: MEXICO_KEY,
      cars,
    });
    rows[projected.table].push(...projected.rows);
  }
  type Line = { PersonalBestLapTime?: { Value?: string } };
  const lines = (state.get('TimingStats')?.Lines ?? {}) as Record<string, Line>;
  const bestLaps = new Map(
    Object.entries(lines).map(([car, line]) => [
      Number(car),
      parseDurationMs(line.PersonalBestLapTime?.Value),
    ]),
  );
  return { rows, bestLaps };
}

export const RACE_ID = '1150';

/** sprint_results.csv, raceId 1150: the official result, in its official order. */
export const officialSprintResult = () =>
  readErgastTable('sprint_results')
    .filter((row) => row.raceId === RACE_ID)
    .sort((a, b) => Number(a.positionOrder) - Number(b.positionOrder))
    .map((row) => ({
      driverNumber: Number(row.number),
      laps: Number(row.laps),
      fastestLap: row.fastestLap === '\\N' ? null : Number(row.fastestLap),
      fastestLapTimeMs: row.fastestLapTime === '\\N' ? null : lapTimeMs(row.fastestLapTime),
    }));

function lapTimeMs(text: string): number {
  const [minutes, seconds] = text.split(':');
  return Math.round((Number(minutes) * 60 + Number(seconds)) * 1000);
}

/** The feed's own final order: TimingData's positions once every patch is merged. */
export async function feedFinalOrder(session: string): Promise<number[]> {
  const state = new SessionState();
  for await (const message of readArchiveSession(join(SESSIONS_DIR, session), { topics: ['TimingData'] }))
    state.apply(message.topic, message.payload);
  const lines = (state.get('TimingData')?.Lines ?? {}) as Record<string, { Position?: string }>;
  return Object.keys(lines)
    .sort((a, b) => Number(lines[a].Position) - Number(lines[b].Position))
    .map(Number);
}
