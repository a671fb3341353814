import { type SessionEventOfType } from '@slipstream/contracts';

import { type ProjectorRegistration } from '../core/projector';
import { versionOf } from './row-values';

type LapCompleted = SessionEventOfType<'LapCompleted'>;
type LapTimeDeleted = SessionEventOfType<'LapTimeDeleted'>;

/** One row per completed lap; race control's deletions are kept beside them, never over them. */
export const lapsProjector: ProjectorRegistration = {
  name: 'session_laps',
  eventTypes: ['LapCompleted', 'LapTimeDeleted'],
  project: (event) => {
    if (event.type === 'LapTimeDeleted') {
      const { data } = event as LapTimeDeleted;
      return [
        {
          table: 'session_lap_deletions',
          row: {
            session_key: data.sessionKey,
            driver_number: data.driverNumber,
            race_control_message_index: data.raceControlMessageIndex,
            lap_number: data.lapNumber,
            lap_time_ms: data.lapTimeMs,
            reason: data.reason,
            _version: versionOf(event),
          },
        },
      ];
    }
    const { data } = event as LapCompleted;
    return [
      {
        table: 'session_laps',
        row: {
          session_key: data.sessionKey,
          driver_number: data.driverNumber,
          lap_number: data.lapNumber,
          lap_time_ms: data.lapTimeMs,
          sector_1_ms: data.sector1Ms,
          sector_2_ms: data.sector2Ms,
          sector_3_ms: data.sector3Ms,
          i1_speed: data.speedI1Kph,
          i2_speed: data.speedI2Kph,
          fl_speed: data.speedFinishLineKph,
          st_speed: data.speedTrapKph,
          is_pit_out_lap: data.isPitOutLap,
          is_pit_in_lap: data.isPitInLap,
          is_personal_best: data.isPersonalBest,
          is_overall_best: data.isOverallBest,
          session_part: data.sessionPart,
          segments_sector_1: data.segmentsSector1,
          segments_sector_2: data.segmentsSector2,
          segments_sector_3: data.segmentsSector3,
          date_start: data.startedAt,
          date_end: event.occurredAt,
          session_time_ms: data.sessionTimeMs,
          _version: versionOf(event),
        },
      },
    ];
  },
};
