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
}

/**
 * Tyre stints from TimingAppData. A stint index appearing is a new set of tyres; later patches
 * to it are updates: tyre age ticking up, or the feed correcting itself (in the Miami sprint it
 * rewrote every car's second stint from INTERMEDIATE to SOFT at the pit stops). Per-stint
 * best-lap fields (`LapTime`, `LapNumber`, `LapFlags`) change nothing here.
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
        const draftFor = this.stintChange(
          sessionKey,
          driverNumber,
          stintNumber,
          stint,
          baseline ? null : laps.lapInProgress(driverNumber),
          atMs,
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
    lapInProgress: number | null,
    atMs: number | undefined,
  ): EventDraft | undefined {
    const key = `${driverNumber}/${stintNumber}`;
    const known = this.known.get(key);
    const tyre = {
      compound: textOrNull(stint.Compound),
      isNew: parseFeedBoolean(stint.New),
      tyreAgeAtStartLaps: parseInteger(stint.StartLaps),
      tyreAgeLaps: parseInteger(stint.TotalLaps),
    };
    const signature = contentHash(tyre);
    if (known?.signature === signature) return undefined;
    const startLapNumber = known ? known.startLapNumber : lapInProgress;
    const updates = known ? known.updates + 1 : 0;
    this.known.set(key, { startLapNumber, signature, updates });
    const data = { sessionKey, driverNumber, stintNumber, ...tyre, startLapNumber };
    return known
      ? draft(StintUpdated, [driverNumber, stintNumber, updates], atMs, data)
      : draft(StintStarted, [driverNumber, stintNumber], atMs, data);
  }
}
