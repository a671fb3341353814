import { asRecord, FeedRecord, parseDurationMs, parseInteger, textOrNull } from './feed-values';
import { freshLap, LapProgress, sectorTimesIn, segmentStatusesIn, speedTrapsIn } from './lap-progress';

/**
 * How long a lap stays open after it crossed the line: sector 3, the finish-line speed and the
 * personal/overall best flags follow the lap time by up to ~200 ms in the recorded sessions.
 */
export const LAP_SETTLE_MS = 3000;

export interface CompletedLap extends LapProgress {
  driverNumber: number;
  lapNumber: number;
  lapTimeMs: number | null;
  personalBest: boolean;
  overallBest: boolean;
  completedAtMs: number | undefined;
  sessionPart: number | null;
  /** Each sector's mini-sector statuses, 0 where the feed showed none (OpenF1's segments_sector_N). */
  segmentsBySector: [number[], number[], number[]];
}

interface PendingLap extends CompletedLap {
  lapTimeText: string | null;
  settlesAtStreamMs: number | undefined;
}

interface DriverLaps {
  /** The feed's NumberOfLaps as last seen. */
  numberOfLaps: number | undefined;
  inPit: boolean;
  /** The lap on which the car last entered the pit lane while the session ran (its in-lap). */
  pitEntryLap: number | undefined;
  lastLapNumber: number;
  /**
   * The car's mini-sector board as the feed shows it. The feed sends a status only when it
   * changes, so a segment coloured the same as on the lap before is never resent: a lap's
   * statuses are the board when it is read, not the patches during the lap.
   */
  board: [number[], number[], number[]];
  /** Lap number → lap time as the line was crossed, for matching race control's references. */
  lapTimes: Map<number, number | null>;
  current: LapProgress;
  pending: PendingLap | undefined;
}

export interface LinePatchMoment {
  utcMs: number | undefined;
  streamMs: number | undefined;
  /** A snapshot (keyframe or first sight of the driver): its counters are a baseline, not a crossing. */
  baseline: boolean;
  sessionPart: number | null;
}

/**
 * Turns TimingData line patches into completed laps. A lap crosses the line when NumberOfLaps
 * goes up, or when a new LastLapTime arrives on its own while the car is in the pit lane
 * (qualifying in-laps: the feed holds the count back until the car leaves the pits; all 93 of
 * them in the Mexico qualifying). F1 counts laps so that the crossing completes lap NumberOfLaps,
 * or NumberOfLaps + 1 when the count is held back; a count that rises at pit exit only catches
 * up with such a lap. Values that trail the crossing (sector 3, finish-line speed, best-lap
 * flags) are gathered until the lap settles.
 */
export class LapTracker {
  private readonly drivers = new Map<number, DriverLaps>();
  private fastestLapMs = Infinity;
  private sessionRunning = false;

  onLinePatch(driverNumber: number, patch: FeedRecord, at: LinePatchMoment): CompletedLap[] {
    const laps = this.lapsOf(driverNumber);
    const completed: CompletedLap[] = [];
    const sectors = sectorTimesIn(patch);
    const speeds = speedTrapsIn(patch);
    const nextLapBegan = sectors.some(([index]) => index === 0) || speeds.some(([trap]) => trap === 'i1');
    if (laps.pending && nextLapBegan) completed.push(this.settleLap(laps));

    if (this.sessionRunning && !at.baseline && patch.InPit === true && !laps.inPit)
      laps.pitEntryLap = this.lapInProgress(driverNumber);
    if (typeof patch.InPit === 'boolean') laps.inPit = patch.InPit;
    if (!at.baseline && patch.InPit === true) laps.current.pitIn = true;
    if (patch.PitOut === true) {
      laps.current.pitOut = true;
      laps.current.startedAtMs ??= at.utcMs;
    }
    const pending = laps.pending;
    for (const [index, ms] of sectors) {
      if (index === 2 && pending && pending.sectorsMs[2] === null) pending.sectorsMs[2] = ms;
      else laps.current.sectorsMs[index] = ms;
    }
    for (const [sector, segment, status] of segmentStatusesIn(patch)) laps.board[sector][segment] = status;
    for (const [trap, kph] of speeds) {
      if (trap === 'fl' && pending && pending.speedsKph.fl === null) pending.speedsKph.fl = kph;
      else laps.current.speedsKph[trap] = kph;
    }

    const lapTimeText = textOrNull(asRecord(patch.LastLapTime)?.Value);
    const numberOfLaps = parseInteger(patch.NumberOfLaps);
    const previousCount = laps.numberOfLaps;
    if (numberOfLaps !== null) laps.numberOfLaps = numberOfLaps;
    const countRose = numberOfLaps !== null && numberOfLaps > (previousCount ?? 0);
    const heldBackCrossing = lapTimeText !== null && laps.inPit;
    if (!at.baseline && patch.PitOut !== true && (countRose || heldBackCrossing)) {
      const lapNumber = countRose ? numberOfLaps : Math.max(previousCount ?? 0, laps.lastLapNumber) + 1;
      if (lapNumber > laps.lastLapNumber) {
        if (laps.pending) completed.push(this.settleLap(laps));
        laps.pending = {
          ...laps.current,
          driverNumber,
          lapNumber,
          lapTimeText,
          lapTimeMs: parseDurationMs(lapTimeText),
          personalBest: false,
          overallBest: false,
          // Sectors 1 and 2 as the line is crossed; sector 3, whose last mini-sectors trail the line, when it settles.
          segmentsBySector: [[...laps.board[0]], [...laps.board[1]], []],
          completedAtMs: at.utcMs,
          sessionPart: at.sessionPart,
          settlesAtStreamMs: at.streamMs === undefined ? undefined : at.streamMs + LAP_SETTLE_MS,
        };
        laps.lastLapNumber = lapNumber;
        laps.lapTimes.set(lapNumber, laps.pending.lapTimeMs);
        laps.current = freshLap(at.utcMs);
      }
    }
    if (laps.pending) noteBestLapFlags(laps.pending, patch);
    return completed;
  }

  /** Laps whose settle time has passed at this point of the stream. */
  settleDue(streamMs: number): CompletedLap[] {
    const completed: CompletedLap[] = [];
    for (const laps of this.drivers.values()) {
      const due = laps.pending?.settlesAtStreamMs;
      if (due !== undefined && due <= streamMs) completed.push(this.settleLap(laps));
    }
    return completed;
  }

  /** Closes every open lap, e.g. at the end of a recording. */
  settleAll(): CompletedLap[] {
    return [...this.drivers.values()].filter((laps) => laps.pending).map((laps) => this.settleLap(laps));
  }

  /** Forgets laps in progress, e.g. reconnaissance laps and pit lane waits before the start. */
  restartLaps(): void {
    for (const laps of this.drivers.values()) laps.current = freshLap(undefined);
  }

  /** From the start on, pit lane entries are stops (before it, cars wait in the pit lane). */
  sessionStarted(): void {
    this.restartLaps();
    this.sessionRunning = true;
  }

  /** Laps the car has completed by the feed's count; undefined when TimingData never named the car. */
  lapsCompleted(driverNumber: number): number | undefined {
    const laps = this.drivers.get(driverNumber);
    return laps && Math.max(laps.numberOfLaps ?? 0, laps.lastLapNumber);
  }

  /** The lap on which the car last entered the pit lane since the start, if it did. */
  pitEntryLap(driverNumber: number): number | undefined {
    return this.drivers.get(driverNumber)?.pitEntryLap;
  }

  lastLapNumber(driverNumber: number): number {
    return this.drivers.get(driverNumber)?.lastLapNumber ?? 0;
  }

  /** The lap the driver is on: one past the last crossing or the feed's count, whichever is ahead. */
  lapInProgress(driverNumber: number): number {
    const laps = this.drivers.get(driverNumber);
    return Math.max(laps?.numberOfLaps ?? 0, laps?.lastLapNumber ?? 0) + 1;
  }

  lapTimeMs(driverNumber: number, lapNumber: number): number | null {
    return this.drivers.get(driverNumber)?.lapTimes.get(lapNumber) ?? null;
  }

  /** The latest lap the driver completed in exactly this time. */
  lapNumberWithTime(driverNumber: number, lapTimeMs: number): number | null {
    let found: number | null = null;
    for (const [lapNumber, ms] of this.drivers.get(driverNumber)?.lapTimes ?? []) {
      if (ms === lapTimeMs) found = lapNumber;
    }
    return found;
  }

  private settleLap(laps: DriverLaps): CompletedLap {
    const { lapTimeText: _text, settlesAtStreamMs: _due, ...lap } = laps.pending as PendingLap;
    laps.pending = undefined;
    lap.segmentsBySector[2] = [...laps.board[2]];
    for (const segments of lap.segmentsBySector) segments.forEach((status, i) => (segments[i] = status ?? 0));
    if (lap.lapTimeMs !== null && lap.lapTimeMs < this.fastestLapMs) {
      this.fastestLapMs = lap.lapTimeMs;
      lap.overallBest = true;
    }
    return lap;
  }

  private lapsOf(driverNumber: number): DriverLaps {
    let laps = this.drivers.get(driverNumber);
    if (!laps) {
      laps = {
        numberOfLaps: undefined,
        inPit: false,
        pitEntryLap: undefined,
        lastLapNumber: 0,
        board: [[], [], []],
        lapTimes: new Map(),
        current: freshLap(undefined),
        pending: undefined,
      };
      this.drivers.set(driverNumber, laps);
    }
    return laps;
  }
}

/**
 * The feed flags a personal or overall best on LastLapTime, often a moment after the time itself,
 * and leaves a flag untouched when two laps in a row earn it; a BestLapTime equal to the lap's
 * time says personal best too.
 */
function noteBestLapFlags(lap: PendingLap, patch: FeedRecord): void {
  const last = asRecord(patch.LastLapTime);
  if (last?.PersonalFastest === true) lap.personalBest = true;
  if (last?.OverallFastest === true) lap.overallBest = true;
  const best = textOrNull(asRecord(patch.BestLapTime)?.Value);
  if (best !== null && best === lap.lapTimeText) lap.personalBest = true;
}
