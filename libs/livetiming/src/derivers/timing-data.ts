import { GapChanged, LapCompleted, PositionChanged, SessionPitStopRecorded } from '@slipstream/contracts';

import { toIsoUtc } from '../formats';
import { draft, EventDraft } from './event-draft';
import { asRecord, driverNumberOf, FeedRecord, keyedEntries, parseGap, parseInteger } from './feed-values';
import { CompletedLap, LapTracker } from './lap-tracker';
import { PitLane, PitLaneVisit } from './pit-lane';
import { SessionClock } from './session-clock';

/** Line fields that move the classification; everything else (segments, speeds, gaps) does not. */
const CLASSIFYING_FIELDS = [
  'Position',
  'NumberOfLaps',
  'BestLapTime',
  'BestLapTimes',
  'Retired',
  'Stopped',
  'KnockedOut',
];

export interface TimingMoment {
  utcMs: number | undefined;
  streamMs: number | undefined;
  keyframe: boolean;
}

/** Per-car timing from TimingData: laps, positions, gaps and pit lane visits, each on change. */
export class TimingLines {
  readonly laps = new LapTracker();
  private readonly pitLane = new PitLane();
  private readonly seen = new Set<number>();
  private readonly positions = new Map<number, number>();
  private readonly gaps = new Map<string, string>();
  private readonly changeCounts = new Map<number, number>();

  constructor(private readonly clock: SessionClock) {}

  /** Returns the drafts and whether the classification may have changed. */
  onPatch(
    sessionKey: number,
    state: FeedRecord,
    patch: FeedRecord,
    at: TimingMoment,
  ): { drafts: EventDraft[]; reclassify: boolean } {
    const drafts: EventDraft[] = [];
    const sessionPart = sessionPartOf(state);
    const lines = asRecord(state.Lines) ?? {};
    let reclassify = patch.SessionPart !== undefined;
    for (const [key, value] of keyedEntries(patch.Lines)) {
      const driverNumber = driverNumberOf(key);
      const linePatch = asRecord(value);
      const line = asRecord(lines[key]);
      if (driverNumber === null || !linePatch || !line) continue;
      const baseline = at.keyframe || !this.seen.has(driverNumber);
      this.seen.add(driverNumber);
      const visit = this.pitLane.onLinePatch(driverNumber, linePatch, {
        atMs: at.utcMs,
        measurable: !baseline && this.clock.sessionStartUtcMs !== undefined,
        lapInProgress: this.laps.lapInProgress(driverNumber),
      });
      if (visit) drafts.push(this.pitStopRecorded(sessionKey, driverNumber, visit));
      const completed = this.laps.onLinePatch(driverNumber, linePatch, { ...at, baseline, sessionPart });
      drafts.push(...completed.map((lap) => this.lapCompleted(sessionKey, lap)));
      drafts.push(...this.positionChange(sessionKey, driverNumber, linePatch, at.utcMs));
      drafts.push(...this.gapChange(sessionKey, driverNumber, line, linePatch, sessionPart, at.utcMs));
      reclassify ||= completed.length > 0 || CLASSIFYING_FIELDS.some((field) => field in linePatch);
    }
    return { drafts, reclassify };
  }

  /** What cars did before the start (reconnaissance laps, waiting in the pit lane) is not timing. */
  sessionStarted(): void {
    this.laps.sessionStarted();
  }

  settleDue(sessionKey: number, streamMs: number): EventDraft[] {
    return this.laps.settleDue(streamMs).map((lap) => this.lapCompleted(sessionKey, lap));
  }

  settleAll(sessionKey: number): EventDraft[] {
    return this.laps.settleAll().map((lap) => this.lapCompleted(sessionKey, lap));
  }

  private lapCompleted(sessionKey: number, lap: CompletedLap): EventDraft {
    const data = {
      sessionKey,
      driverNumber: lap.driverNumber,
      lapNumber: lap.lapNumber,
      lapTimeMs: lap.lapTimeMs,
      sector1Ms: lap.sectorsMs[0],
      sector2Ms: lap.sectorsMs[1],
      sector3Ms: lap.sectorsMs[2],
      speedI1Kph: lap.speedsKph.i1,
      speedI2Kph: lap.speedsKph.i2,
      speedFinishLineKph: lap.speedsKph.fl,
      speedTrapKph: lap.speedsKph.st,
      isPitOutLap: lap.pitOut,
      isPitInLap: lap.pitIn,
      isPersonalBest: lap.personalBest,
      isOverallBest: lap.overallBest,
      sessionPart: lap.sessionPart,
      segmentsSector1: lap.segmentsBySector[0],
      segmentsSector2: lap.segmentsBySector[1],
      segmentsSector3: lap.segmentsBySector[2],
      startedAt: lap.startedAtMs === undefined ? null : toIsoUtc(lap.startedAtMs),
      sessionTimeMs: lap.completedAtMs === undefined ? null : this.clock.sessionTimeMs(lap.completedAtMs),
    };
    return draft(LapCompleted, [lap.driverNumber, lap.lapNumber], lap.completedAtMs, data);
  }

  private pitStopRecorded(sessionKey: number, driverNumber: number, visit: PitLaneVisit): EventDraft {
    const data = {
      sessionKey,
      driverNumber,
      pitStopNumber: visit.pitStopNumber,
      lapNumber: visit.lapNumber,
      pitInAt: toIsoUtc(visit.pitInAtMs),
      pitOutAt: toIsoUtc(visit.pitOutAtMs),
      laneDurationMs: visit.laneDurationMs,
      sessionTimeMs: this.clock.sessionTimeMs(visit.pitOutAtMs),
    };
    return draft(SessionPitStopRecorded, [driverNumber, visit.pitStopNumber], visit.pitOutAtMs, data);
  }

  private positionChange(
    sessionKey: number,
    driverNumber: number,
    linePatch: FeedRecord,
    atMs: number | undefined,
  ): EventDraft[] {
    const position = parseInteger(linePatch.Position);
    const previous = this.positions.get(driverNumber);
    if (position === null || position < 1 || position === previous) return [];
    this.positions.set(driverNumber, position);
    const data = { sessionKey, driverNumber, position, previousPosition: previous ?? null };
    return [draft(PositionChanged, [driverNumber, this.bump(driverNumber)], atMs, data)];
  }

  /** Races gap on GapToLeader/IntervalToPositionAhead; qualifying on each part's Stats. */
  private gapChange(
    sessionKey: number,
    driverNumber: number,
    line: FeedRecord,
    linePatch: FeedRecord,
    sessionPart: number | null,
    atMs: number | undefined,
  ): EventDraft[] {
    const shown: Array<[number | null, unknown, unknown]> = [];
    if ('GapToLeader' in linePatch || asRecord(linePatch.IntervalToPositionAhead)?.Value !== undefined) {
      shown.push([null, line.GapToLeader, asRecord(line.IntervalToPositionAhead)?.Value]);
    }
    for (const [index] of keyedEntries(linePatch.Stats)) {
      const stats = asRecord(asRecord(line.Stats)?.[index]);
      shown.push([Number(index) + 1, stats?.TimeDiffToFastest, stats?.TimeDifftoPositionAhead]);
    }
    const drafts: EventDraft[] = [];
    for (const [part, gapText, intervalText] of shown) {
      const gapToLeader = parseGap(gapText);
      const intervalToPositionAhead = parseGap(intervalText);
      const key = `${driverNumber}/${part ?? sessionPart ?? ''}`;
      const signature = `${gapToLeader.text}|${intervalToPositionAhead.text}`;
      const previous = this.gaps.get(key) ?? '|';
      if (previous === signature) continue;
      this.gaps.set(key, signature);
      const data = { sessionKey, driverNumber, sessionPart: part, gapToLeader, intervalToPositionAhead };
      drafts.push(draft(GapChanged, [driverNumber, this.bump(driverNumber)], atMs, data));
    }
    return drafts;
  }

  /** A per-driver sequence number: positions and gaps repeat, so their ids need the order of change. */
  private bump(driverNumber: number): number {
    const next = (this.changeCounts.get(driverNumber) ?? 0) + 1;
    this.changeCounts.set(driverNumber, next);
    return next;
  }
}

/** Qualifying part 1-3; null in sessions without parts (and before Q1). */
export function sessionPartOf(timing: FeedRecord | undefined): number | null {
  const part = parseInteger(timing?.SessionPart);
  return part !== null && part > 0 ? part : null;
}
