import { TeamRadioCaptured } from '@slipstream/contracts';

import { parseF1Utc, toIsoUtc } from '../formats';
import { draft, EventDraft } from './event-draft';
import { asRecord, driverNumberOf, FeedRecord, keyedEntries, textOrNull } from './feed-values';

/**
 * Team radio clips from the TeamRadio topic: `Captures` is a list patched by index, each entry a
 * clip's time, car and archive path. A clip is announced once, when its index first appears.
 */
export class TeamRadio {
  private readonly seen = new Set<string>();

  captures(sessionKey: number, state: FeedRecord, patch: FeedRecord): EventDraft[] {
    const drafts: EventDraft[] = [];
    const captures = asRecord(state.Captures) ?? {};
    for (const [index] of keyedEntries(patch.Captures)) {
      const capture = asRecord(captures[index]);
      const captureIndex = Number(index);
      const driverNumber = driverNumberOf(String(capture?.RacingNumber ?? ''));
      const capturedAtMs = parseF1Utc(capture?.Utc);
      const path = textOrNull(capture?.Path);
      if (this.seen.has(index) || !Number.isInteger(captureIndex) || driverNumber === null) continue;
      if (capturedAtMs === undefined || path === null) continue;
      this.seen.add(index);
      const data = { sessionKey, driverNumber, captureIndex, capturedAt: toIsoUtc(capturedAtMs), path };
      drafts.push(draft(TeamRadioCaptured, [captureIndex], capturedAtMs, data));
    }
    return drafts;
  }
}
