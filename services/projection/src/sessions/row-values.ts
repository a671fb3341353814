import { type EventMetadata } from '@slipstream/contracts';

/**
 * `_version` of a row: when slipstream first received the raw fact behind the event. It is carried
 * over unchanged by replays and re-normalization, so the same fact always gets the same version
 * and a later fact a higher one.
 */
export function versionOf(event: EventMetadata): number {
  return Date.parse(event.recordedAt);
}
