import { contentHash, StintStarted, StintUpdated } from '@slipstream/contracts';

import { draft, EventDraft } from './event-draft';
import {
  asRecord,
  driverNumberOf,
  FeedRecord,
  keyedEntries,
  parseFeedBoolean,
  parseInteger,
  textOrNull,
} from './feed-values';
import { LapTracker } from './lap-tracker';

interface KnownStint {
  startLapNumber: number | null;
  signature: string;
  updates: number;
  isNew: boolean | null;
  tyreAgeAtStartLaps: number | null;
  tyreAgeLaps: number | null;
}

type Tyre = Pick<KnownStint, 'isNew' | 'tyreAgeAtStartLaps' | 'tyreAgeLaps'> & { compound: string | null };

/**
 * Tyre stints from TimingAppData. A stint index appearing is a new set of tyres; later patches
 * to it are updates: tyre age ticking up, or the feed correcting itself. Per-stint best-lap
 * fields (`LapTime`, `LapNumber`, `LapFlags`) change nothing here.
 *
 * `startLapNumber` is the first lap driven on the set (OpenF1's `lap_start`): 1 for the first
 * stint; for a later one, the lap after the car's last pit entry (its in-lap, which /v1/pit
 * reports), else the lap after those it has completed. Without TimingData (no lap counter per
 * car) it is null and the read model counts the laps of the earlier stints (TotalLaps − StartLaps).
 *
 * The feed sometimes opens a stint before the tyres are fitted and rewrites it at the stop (in
 * the Miami sprint every car's second stint appeared at the start as the same intermediates and
 * became a used soft or medium set at the pit stop, its TotalLaps reset). A stint is therefore
 * anchored again when its set changes (StartLaps or New changes, or TotalLaps goes down) at a
 * stop made since its anchor, unless a later stint already began there. Anything else keeps the
 * anchor: a compound alone changing (UNKNOWN → MEDIUM), or the feed rewriting an earlier stint
 * long after (it turned car 12's second stint in the Miami sprint from mediums back into the
 * used intermediates of its one-lap stint, laps after both stops).
 */
export class Stints {
  private readonly known = new Map<string, KnownStint>();

  onPatch(
    sessionKey: number,
    state: FeedRecord,
    patch: FeedRecord,
    laps: LapTracker,
    atMs: number | undefined,
    baseline: boolean,
  ): EventDraft[] {
    const drafts: EventDraft[] = [];
    const lines = asRecord(state.Lines) ?? {};
    for (const [driverKey, linePatch] of keyedEntries(patch.Lines)) {
      const driverNumber = driverNumberOf(driverKey);
      const stints = asRecord(asRecord(lines[driverKey])?.Stints);
      if (driverNumber === null || !stints) continue;
      for (const [index] of keyedEntries(asRecord(linePatch)?.Stints)) {
        const stint = asRecord(stints[index]);
        const stintNumber = Number(index) + 1;
        if (!stint || !Number.isInteger(stintNumber)) continue;
        const draftFor = this.stintChange(sessionKey, driverNumber, stintNumber, stint, atMs, (known) =>
          this.anchor(driverNumber, stintNumber, laps, baseline, known),
        );
        if (draftFor) drafts.push(draftFor);
      }
    }
    return drafts;
  }

  private stintChange(
    sessionKey: number,
    driverNumber: number,
    stintNumber: number,
    stint: FeedRecord,
    atMs: number | undefined,
    anchor: (known: KnownStint | undefined) => number | null,
  ): EventDraft | undefined {
    const key = `${driverNumber}/${stintNumber}`;
    const known = this.known.get(key);
    const tyre: Tyre = {
      compound: textOrNull(stint.Compound),
      isNew: parseFeedBoolean(stint.New),
      tyreAgeAtStartLaps: parseInteger(stint.StartLaps),
      tyreAgeLaps: parseInteger(stint.TotalLaps),
    };
    const signature = contentHash(tyre);
    if (known?.signature === signature) return undefined;
    const startLapNumber = !known || refitted(known, tyre) ? anchor(known) : known.startLapNumber;
    const updates = known ? known.updates + 1 : 0;
    this.known.set(key, { ...tyre, startLapNumber, signature, updates });
    const data = { sessionKey, driverNumber, stintNumber, ...tyre, startLapNumber };
    return known
      ? draft(StintUpdated, [driverNumber, stintNumber, updates], atMs, data)
      : draft(StintStarted, [driverNumber, stintNumber], atMs, data);
  }

  private anchor(
    driverNumber: number,
    stintNumber: number,
    laps: LapTracker,
    baseline: boolean,
    known: KnownStint | undefined,
  ): number | null {
    if (stintNumber === 1) return 1;
    const pitEntryLap = laps.pitEntryLap(driverNumber);
    if (known) {
      // Refitted: only a stop since the anchor moves it, and only while no later stint took that stop.
      const laterStint = this.known.has(`${driverNumber}/${stintNumber + 1}`);
      const stopSince = pitEntryLap !== undefined && pitEntryLap + 1 > (known.startLapNumber ?? 0);
      return stopSince && !laterStint ? pitEntryLap + 1 : known.startLapNumber;
    }
    const completed = laps.lapsCompleted(driverNumber);
    // A snapshot of stints already run, or a session without TimingData: no lap counter to anchor on.
    if (baseline || completed === undefined) return null;
    const previousStart = this.known.get(`${driverNumber}/${stintNumber - 1}`)?.startLapNumber ?? 1;
    if (pitEntryLap !== undefined && pitEntryLap + 1 > previousStart) return pitEntryLap + 1;
    return completed + 1;
  }
}

/** The set itself changed (fitted at a stop), not only a count or a compound correction. */
function refitted(known: KnownStint, tyre: Tyre): boolean {
  return (
    known.tyreAgeAtStartLaps !== tyre.tyreAgeAtStartLaps ||
    known.isNew !== tyre.isNew ||
    (known.tyreAgeLaps !== null && tyre.tyreAgeLaps !== null && tyre.tyreAgeLaps < known.tyreAgeLaps)
  );
}
