import { type ClassificationUpdatedEvent } from '@slipstream/contracts';

import { type ProjectorRegistration } from '../core/projector';
import { versionOf } from './row-values';

/**
 * The classification as the feed shows it, one row per driver and phase (`live`, `finished`,
 * `finalised`). The newest phase is the provisional result; it is kept when the official result
 * arrives later, so the two can be compared.
 */
export const classificationProjector: ProjectorRegistration = {
  name: 'session_classification',
  eventTypes: ['ClassificationUpdated'],
  project: (event) => {
    const { data } = event as ClassificationUpdatedEvent;
    const version = versionOf(event);
    return data.entries.map((entry) => ({
      table: 'session_classification',
      row: {
        session_key: data.sessionKey,
        phase: data.phase,
        driver_number: entry.driverNumber,
        session_part: data.sessionPart,
        position: entry.position,
        laps_completed: entry.lapsCompleted,
        best_lap_time_ms: entry.bestLapTimeMs,
        best_lap_number: entry.bestLapNumber,
        best_lap_times_by_part_ms: entry.bestLapTimesByPartMs,
        gap_to_leader: entry.gapToLeader,
        interval_to_position_ahead: entry.intervalToPositionAhead,
        number_of_pit_stops: entry.numberOfPitStops,
        status: entry.status,
        date: event.occurredAt,
        _version: version,
      },
    }));
  },
};
