import { asRecord, FeedRecord, keyedEntries, parseDurationMs, parseInteger, textOrNull } from './feed-values';

/** What the feed has said so far about a lap that has not crossed the line yet. */
export interface LapProgress {
  startedAtMs: number | undefined;
  sectorsMs: [number | null, number | null, number | null];
  speedsKph: SpeedTraps;
  pitOut: boolean;
  pitIn: boolean;
}

export interface SpeedTraps {
  i1: number | null;
  i2: number | null;
  fl: number | null;
  st: number | null;
}

export type SpeedTrap = keyof SpeedTraps;

const SPEED_TRAPS: ReadonlyArray<[string, SpeedTrap]> = [
  ['I1', 'i1'],
  ['I2', 'i2'],
  ['FL', 'fl'],
  ['ST', 'st'],
];

export function freshLap(startedAtMs: number | undefined): LapProgress {
  return {
    startedAtMs,
    sectorsMs: [null, null, null],
    speedsKph: { i1: null, i2: null, fl: null, st: null },
    pitOut: false,
    pitIn: false,
  };
}

/**
 * Sector times a TimingData line patch sets, as `[sectorIndex, ms]`. Resets to `""` (a new lap
 * clearing the board) and flag-only updates (`PreviousValue`, `PersonalFastest`) are not times.
 */
export function sectorTimesIn(linePatch: FeedRecord): Array<[number, number]> {
  const times: Array<[number, number]> = [];
  for (const [index, sector] of keyedEntries(linePatch.Sectors)) {
    const ms = parseDurationMs(asRecord(sector)?.Value);
    const sectorIndex = Number(index);
    if (ms !== null && sectorIndex >= 0 && sectorIndex <= 2) times.push([sectorIndex, ms]);
  }
  return times;
}

/** Speed-trap readings a line patch sets (km/h). */
export function speedTrapsIn(linePatch: FeedRecord): Array<[SpeedTrap, number]> {
  const speeds = asRecord(linePatch.Speeds);
  if (!speeds) return [];
  const readings: Array<[SpeedTrap, number]> = [];
  for (const [feedKey, trap] of SPEED_TRAPS) {
    const kph = parseInteger(textOrNull(asRecord(speeds[feedKey])?.Value));
    if (kph !== null) readings.push([trap, kph]);
  }
  return readings;
}

/**
 * Mini-sector statuses a line patch sets, as `[sectorIndex, segmentIndex, status]` (2049 green,
 * 2051 purple, …; 0 the board cleared).
 */
export function segmentStatusesIn(linePatch: FeedRecord): Array<[number, number, number]> {
  const statuses: Array<[number, number, number]> = [];
  for (const [index, sector] of keyedEntries(linePatch.Sectors)) {
    const sectorIndex = Number(index);
    if (!(sectorIndex >= 0 && sectorIndex <= 2)) continue;
    for (const [segment, value] of keyedEntries(asRecord(sector)?.Segments)) {
      const status = parseInteger(asRecord(value)?.Status);
      const segmentIndex = Number(segment);
      if (
        status !== null &&
        status >= 0 &&
        Number.isInteger(segmentIndex) &&
        segmentIndex >= 0 &&
        segmentIndex < 64
      )
        statuses.push([sectorIndex, segmentIndex, status]);
    }
  }
  return statuses;
}
