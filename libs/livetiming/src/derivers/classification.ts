import type { ClassificationEntry, ClassifiedStatus } from '@slipstream/contracts';

import {
  asRecord,
  driverNumberOf,
  FeedRecord,
  keyedEntries,
  parseDurationMs,
  parseInteger,
  textOrNull,
} from './feed-values';
import { LapTracker } from './lap-tracker';

export type ClassificationPhase = 'live' | 'finished' | 'finalised';

/** The phase a session status puts the classification in; statuses that say nothing keep the last one. */
export function phaseAfter(status: string, previous: ClassificationPhase): ClassificationPhase {
  if (status === 'Started' || status === 'Aborted') return 'live';
  if (status === 'Finished') return previous === 'finalised' ? previous : 'finished';
  if (status === 'Finalised') return 'finalised';
  return previous;
}

/**
 * The classification as the timing tower shows it: TimingData's own positions (penalties the
 * feed applied included), laps as F1 counts them, best laps as the feed keeps them and, in
 * qualifying, the gaps of the current part.
 */
export function classify(
  timing: FeedRecord,
  laps: LapTracker,
  sessionPart: number | null,
): ClassificationEntry[] {
  const entries: Array<ClassificationEntry & { line: number }> = [];
  for (const [key, value] of keyedEntries(timing.Lines)) {
    const driverNumber = driverNumberOf(key);
    const line = asRecord(value);
    if (driverNumber === null || !line) continue;
    const position = parseInteger(line.Position);
    const partBests = keyedEntries(line.BestLapTimes).map(([, best]) =>
      parseDurationMs(asRecord(best)?.Value),
    );
    const best = bestLapOf(line, partBests);
    const gaps = sessionPart === null ? raceGaps(line) : partGaps(line, sessionPart);
    entries.push({
      position: position !== null && position > 0 ? position : null,
      driverNumber,
      lapsCompleted: Math.max(laps.lastLapNumber(driverNumber), parseInteger(line.NumberOfLaps) ?? 0),
      bestLapTimeMs: best?.ms ?? null,
      bestLapNumber: best ? (laps.lapNumberWithTime(driverNumber, best.ms) ?? best.feedLap) : null,
      bestLapTimesByPartMs: partBests,
      ...gaps,
      numberOfPitStops: parseInteger(line.NumberOfPitStops) ?? 0,
      status: statusOf(line),
      line: parseInteger(line.Line) ?? Number.MAX_SAFE_INTEGER,
    });
  }
  entries.sort(
    (a, b) =>
      (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
      a.line - b.line ||
      a.driverNumber - b.driverNumber,
  );
  return entries.map(({ line: _line, ...entry }) => entry);
}

/** BestLapTime restarts with each qualifying part; the session best is the best of all parts. */
function bestLapOf(
  line: FeedRecord,
  partBests: Array<number | null>,
): { ms: number; feedLap: number | null } | null {
  const current = asRecord(line.BestLapTime);
  const currentMs = parseDurationMs(current?.Value);
  const candidates = [currentMs, ...partBests].filter((ms): ms is number => ms !== null);
  if (candidates.length === 0) return null;
  const ms = Math.min(...candidates);
  const feedLap = ms === currentMs ? parseInteger(current?.Lap) : partLap(line, ms);
  return { ms, feedLap: feedLap !== null && feedLap > 0 ? feedLap : null };
}

function partLap(line: FeedRecord, ms: number): number | null {
  const part = keyedEntries(line.BestLapTimes).find(
    ([, best]) => parseDurationMs(asRecord(best)?.Value) === ms,
  );
  return part ? parseInteger(asRecord(part[1])?.Lap) : null;
}

function raceGaps(line: FeedRecord) {
  return {
    gapToLeader: textOrNull(line.GapToLeader),
    intervalToPositionAhead: textOrNull(asRecord(line.IntervalToPositionAhead)?.Value),
  };
}

function partGaps(line: FeedRecord, sessionPart: number) {
  const stats = asRecord(asRecord(line.Stats)?.[String(sessionPart - 1)]);
  return {
    gapToLeader: textOrNull(stats?.TimeDiffToFastest),
    intervalToPositionAhead: textOrNull(stats?.TimeDifftoPositionAhead),
  };
}

function statusOf(line: FeedRecord): ClassifiedStatus {
  if (line.Retired === true) return 'retired';
  if (line.Stopped === true) return 'stopped';
  if (line.KnockedOut === true) return 'knocked_out';
  return 'running';
}
