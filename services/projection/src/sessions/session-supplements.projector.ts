import { type SessionSupplementEvent } from '@slipstream/contracts';

import { type ProjectedRow, type ProjectorRegistration } from '../core/projector';
import { versionOf } from './row-values';

/** The grid, pit stop times and championship prediction: one row per car, stop and entrant, the latest winning. */
export const sessionSupplementsProjector: ProjectorRegistration = {
  name: 'session_supplements',
  eventTypes: ['GridPositionPublished', 'PitStopTimed', 'ChampionshipStandingPredicted'],
  project: (anyEvent): ProjectedRow[] => {
    const event = anyEvent as SessionSupplementEvent;
    const _version = versionOf(event);
    switch (event.type) {
      case 'GridPositionPublished': {
        const { sessionKey, driverNumber, position } = event.data;
        const row = { session_key: sessionKey, driver_number: driverNumber, position, _version };
        return [{ table: 'session_grid', row }];
      }
      case 'PitStopTimed': {
        const { data } = event;
        const row = {
          session_key: data.sessionKey,
          driver_number: data.driverNumber,
          lap_number: data.lapNumber,
          date: data.timedAt,
          stop_duration_ms: data.stopDurationMs,
          lane_duration_ms: data.laneDurationMs,
          _version,
        };
        return [{ table: 'session_pit_stop_times', row }];
      }
      case 'ChampionshipStandingPredicted': {
        const { data } = event;
        const row = {
          session_key: data.sessionKey,
          championship: data.championship,
          driver_number: data.driverNumber ?? 0,
          team_name: data.teamName ?? '',
          position_start: data.positionStart,
          position_current: data.positionCurrent,
          points_start: data.pointsStart,
          points_current: data.pointsCurrent,
          date: event.occurredAt,
          event_id: event.id,
          _version,
        };
        return [{ table: 'session_championship_predictions', row }];
      }
    }
  },
};
