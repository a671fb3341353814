import type { z } from 'zod';

import { ChampionshipStandingPredicted } from '@slipstream/contracts';

import { draft, EventDraft } from './event-draft';
import {
  asRecord,
  driverNumberOf,
  FeedRecord,
  keyedEntries,
  parseDecimal,
  parseInteger,
  textOrNull,
} from './feed-values';

/**
 * The ChampionshipPrediction topic (races and sprints; F1 sends it to subscribers only, and no
 * recording in the repository carries it). Its published shape, as OpenF1 reads it:
 * `{"Drivers": {"<car>": {"RacingNumber", "CurrentPosition", "PredictedPosition", "CurrentPoints",
 * "PredictedPoints"}}, "Teams": {"<key>": {"TeamName", …the same four}}}`, patched by key. Each
 * entrant touched by a patch is announced as it stands in the merged state, when that changed.
 */
export class ChampionshipPrediction {
  private readonly signatures = new Map<string, string>();
  private readonly updates = new Map<string, number>();

  onPatch(sessionKey: number, state: FeedRecord, patch: FeedRecord, atMs: number | undefined): EventDraft[] {
    const drafts: EventDraft[] = [];
    const drivers = asRecord(state.Drivers) ?? {};
    for (const [key] of keyedEntries(patch.Drivers)) {
      const entry = asRecord(drivers[key]);
      const driverNumber = driverNumberOf(String(entry?.RacingNumber ?? key));
      if (!entry || driverNumber === null) continue;
      drafts.push(
        ...this.announce(`d:${driverNumber}`, atMs, {
          sessionKey,
          championship: 'drivers',
          driverNumber,
          teamName: null,
          ...standing(entry),
        }),
      );
    }
    const teams = asRecord(state.Teams) ?? {};
    for (const [key] of keyedEntries(patch.Teams)) {
      const entry = asRecord(teams[key]);
      const teamName = textOrNull(entry?.TeamName) ?? textOrNull(key);
      if (!entry || teamName === null) continue;
      drafts.push(
        ...this.announce(`t:${teamName}`, atMs, {
          sessionKey,
          championship: 'teams',
          driverNumber: null,
          teamName,
          ...standing(entry),
        }),
      );
    }
    return drafts;
  }

  private announce(
    entrant: string,
    atMs: number | undefined,
    data: z.input<typeof ChampionshipStandingPredicted.data>,
  ): EventDraft[] {
    const signature = JSON.stringify(data);
    if (this.signatures.get(entrant) === signature) return [];
    this.signatures.set(entrant, signature);
    const updates = (this.updates.get(entrant) ?? 0) + 1;
    this.updates.set(entrant, updates);
    return [draft(ChampionshipStandingPredicted, [entrant, updates], atMs, data)];
  }
}

/** OpenF1 keeps a position only when it is above zero: the feed writes 0 for "none yet". */
function standing(entry: FeedRecord) {
  const position = (value: unknown) => {
    const number = parseInteger(value);
    return number !== null && number > 0 ? number : null;
  };
  const points = (value: unknown) => {
    const number = parseDecimal(value);
    return number !== null && number >= 0 ? number : null;
  };
  return {
    positionStart: position(entry.CurrentPosition),
    positionCurrent: position(entry.PredictedPosition),
    pointsStart: points(entry.CurrentPoints),
    pointsCurrent: points(entry.PredictedPoints),
  };
}
