import { LapTimeDeleted, RaceControlMessageIssued } from '@slipstream/contracts';

import { parseF1Utc, toIsoUtc } from '../formats';
import { draft, EventDraft } from './event-draft';
import { asRecord, FeedRecord, keyedEntries, parseDurationMs, parseInteger, textOrNull } from './feed-values';
import { LapTracker } from './lap-tracker';

/** `CAR 5 (BOR) TIME 1:18.964 DELETED - TRACK LIMITS AT TURN 12 LAP 3 15:03:34`, or `… LAP DELETED …`. */
const LAP_TIME_DELETION = /^CAR (\d+) \([^)]*\) (?:TIME (\d+:\d{2}\.\d{3}) |LAP )DELETED\b.*?\bLAP (\d+)\b/;

/**
 * Race control messages, each emitted once by its index in the feed's list (a keyframe that
 * repeats the list emits nothing new). Deletions are also read as LapTimeDeleted: the messages
 * number laps the way F1's timing does, which is how LapCompleted numbers them.
 */
export class RaceControl {
  private readonly issued = new Set<number>();

  messages(
    sessionKey: number,
    state: FeedRecord,
    patch: FeedRecord,
    laps: LapTracker,
    atMs: number | undefined,
  ): EventDraft[] {
    const drafts: EventDraft[] = [];
    const all = asRecord(state.Messages) ?? {};
    for (const [key] of keyedEntries(patch.Messages)) {
      const messageIndex = Number(key);
      const message = asRecord(all[key]);
      if (!Number.isInteger(messageIndex) || !message || this.issued.has(messageIndex)) continue;
      const issuedAtMs = parseF1Utc(message.Utc) ?? atMs;
      if (issuedAtMs === undefined) continue;
      this.issued.add(messageIndex);
      const data = {
        sessionKey,
        messageIndex,
        issuedAt: toIsoUtc(issuedAtMs),
        lapNumber: positiveOrNull(parseInteger(message.Lap)),
        category: String(message.Category ?? ''),
        message: String(message.Message ?? ''),
        flag: textOrNull(message.Flag),
        scope: textOrNull(message.Scope),
        sector: parseInteger(message.Sector),
        driverNumber: parseInteger(message.RacingNumber),
        status: textOrNull(message.Status),
        mode: textOrNull(message.Mode),
      };
      drafts.push(draft(RaceControlMessageIssued, [messageIndex], issuedAtMs, data));
      drafts.push(...lapTimeDeletion(sessionKey, messageIndex, data.message, laps, issuedAtMs));
    }
    return drafts;
  }
}

function lapTimeDeletion(
  sessionKey: number,
  messageIndex: number,
  text: string,
  laps: LapTracker,
  atMs: number,
): EventDraft[] {
  const match = LAP_TIME_DELETION.exec(text);
  if (!match) return [];
  const driverNumber = Number(match[1]);
  const lapNumber = positiveOrNull(Number(match[3]));
  const statedTimeMs = parseDurationMs(match[2]);
  const lapTimeMs = statedTimeMs ?? (lapNumber === null ? null : laps.lapTimeMs(driverNumber, lapNumber));
  const data = {
    sessionKey,
    driverNumber,
    lapNumber,
    lapTimeMs,
    raceControlMessageIndex: messageIndex,
    reason: text,
  };
  return [draft(LapTimeDeleted, [driverNumber, messageIndex], atMs, data)];
}

function positiveOrNull(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}
