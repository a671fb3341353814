import { PitStopTimed } from '@slipstream/contracts';

import { parseF1Utc, toIsoUtc } from '../formats';
import { draft, EventDraft } from './event-draft';
import {
  asRecord,
  driverNumberOf,
  FeedRecord,
  keyedEntries,
  parseDurationMs,
  parseInteger,
} from './feed-values';

/**
 * Stationary times from the PitStopSeries topic (F1 sends it to subscribers only; no recording in
 * the repository carries it). Its published shape, as OpenF1 and other clients read it:
 * `{"PitTimes": {"<car>": [{"Timestamp": "…Z", "PitStop": {"RacingNumber", "PitStopTime": "2.4",
 * "PitLaneTime": "22.3", "Lap": "12"}}]}}`; later patches address a car's list by index. A stop is
 * announced when its lap is known, and again when a time is added or corrected.
 */
export class PitStopSeries {
  private readonly signatures = new Map<string, string>();

  onPatch(sessionKey: number, state: FeedRecord, patch: FeedRecord): EventDraft[] {
    const drafts: EventDraft[] = [];
    const cars = asRecord(state.PitTimes) ?? {};
    for (const [carKey, patchedStops] of keyedEntries(patch.PitTimes)) {
      const driverNumber = driverNumberOf(carKey);
      if (driverNumber === null) continue;
      const stops = asRecord(cars[carKey]) ?? {};
      for (const [index] of keyedEntries(patchedStops)) {
        const entry = asRecord(stops[index]);
        const stop = asRecord(entry?.PitStop);
        const lapNumber = parseInteger(stop?.Lap);
        const timedAtMs = parseF1Utc(entry?.Timestamp);
        if (!stop || lapNumber === null || lapNumber <= 0 || timedAtMs === undefined) continue;
        const data = {
          sessionKey,
          driverNumber,
          lapNumber,
          timedAt: toIsoUtc(timedAtMs),
          stopDurationMs: parseDurationMs(stop.PitStopTime),
          laneDurationMs: parseDurationMs(stop.PitLaneTime),
        };
        const key = `${driverNumber}:${lapNumber}`;
        const signature = `${data.stopDurationMs}:${data.laneDurationMs}`;
        if (this.signatures.get(key) === signature) continue;
        this.signatures.set(key, signature);
        drafts.push(draft(PitStopTimed, [driverNumber, lapNumber, signature], timedAtMs, data));
      }
    }
    return drafts;
  }
}
