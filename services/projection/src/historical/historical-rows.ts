import { type HistoricalEvent } from '@slipstream/contracts';

/**
 * The columns every historical row carries. `_version` is when slipstream first recorded the fact,
 * so a replay writes the same version and a newer recording of the same fact wins.
 */
export function provenanceColumns(event: HistoricalEvent) {
  return {
    event_id: event.id,
    source: event.source,
    recorded_at: event.recordedAt,
    _version: Date.parse(event.recordedAt),
  };
}
