import { GridPositionPublished } from '@slipstream/contracts';

import { draft, EventDraft } from './event-draft';
import { asRecord, driverNumberOf, FeedRecord, keyedEntries, parseInteger } from './feed-values';

/** The starting grid from TimingAppData's `GridPos`: announced per car, again only when it changes. */
export class GridPositions {
  private readonly positions = new Map<number, number>();

  onPatch(sessionKey: number, state: FeedRecord, patch: FeedRecord, atMs: number | undefined): EventDraft[] {
    const drafts: EventDraft[] = [];
    const lines = asRecord(state.Lines) ?? {};
    for (const [key, line] of keyedEntries(patch.Lines)) {
      const driverNumber = driverNumberOf(key);
      if (driverNumber === null || asRecord(line)?.GridPos === undefined) continue;
      const position = parseInteger(asRecord(lines[key])?.GridPos);
      if (position === null || position <= 0 || this.positions.get(driverNumber) === position) continue;
      this.positions.set(driverNumber, position);
      drafts.push(
        draft(GridPositionPublished, [driverNumber, position], atMs, { sessionKey, driverNumber, position }),
      );
    }
    return drafts;
  }
}
