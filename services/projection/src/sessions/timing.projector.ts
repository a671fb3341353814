import { type SessionEventOfType } from '@slipstream/contracts';

import { type ProjectorRegistration } from '../core/projector';
import { versionOf } from './row-values';

type PositionChanged = SessionEventOfType<'PositionChanged'>;
type GapChanged = SessionEventOfType<'GapChanged'>;
type Stint = SessionEventOfType<'StintStarted' | 'StintUpdated'>;
type PitStop = SessionEventOfType<'SessionPitStopRecorded'>;

/** Running order: each position and gap change is a row (a time series per car). */
export const runningOrderProjector: ProjectorRegistration = {
  name: 'session_running_order',
  eventTypes: ['PositionChanged', 'GapChanged'],
  project: (event) => {
    if (event.type === 'PositionChanged') {
      const { data } = event as PositionChanged;
      return [
        {
          table: 'session_positions',
          row: {
            session_key: data.sessionKey,
            driver_number: data.driverNumber,
            date: event.occurredAt,
            event_id: event.id,
            position: data.position,
            previous_position: data.previousPosition,
            _version: versionOf(event),
          },
        },
      ];
    }
    const { data } = event as GapChanged;
    return [
      {
        table: 'session_intervals',
        row: {
          session_key: data.sessionKey,
          driver_number: data.driverNumber,
          date: event.occurredAt,
          event_id: event.id,
          session_part: data.sessionPart,
          gap_to_leader_text: data.gapToLeader.text,
          gap_to_leader_ms: data.gapToLeader.ms,
          gap_to_leader_laps: data.gapToLeader.laps,
          interval_text: data.intervalToPositionAhead.text,
          interval_ms: data.intervalToPositionAhead.ms,
          interval_laps: data.intervalToPositionAhead.laps,
          _version: versionOf(event),
        },
      },
    ];
  },
};

/** Tyre stints (an update replaces the stint's row) and pit lane visits. */
export const stintsAndPitStopsProjector: ProjectorRegistration = {
  name: 'session_stints_and_pit_stops',
  eventTypes: ['StintStarted', 'StintUpdated', 'SessionPitStopRecorded'],
  project: (event) => {
    if (event.type === 'SessionPitStopRecorded') {
      const { data } = event as PitStop;
      return [
        {
          table: 'session_pit_stops',
          row: {
            session_key: data.sessionKey,
            driver_number: data.driverNumber,
            pit_stop_number: data.pitStopNumber,
            lap_number: data.lapNumber,
            pit_in_at: data.pitInAt,
            pit_out_at: data.pitOutAt,
            lane_duration_ms: data.laneDurationMs,
            session_time_ms: data.sessionTimeMs,
            _version: versionOf(event),
          },
        },
      ];
    }
    const { data } = event as Stint;
    return [
      {
        table: 'session_stints',
        row: {
          session_key: data.sessionKey,
          driver_number: data.driverNumber,
          stint_number: data.stintNumber,
          compound: data.compound,
          is_new: data.isNew,
          tyre_age_at_start: data.tyreAgeAtStartLaps,
          tyre_age_laps: data.tyreAgeLaps,
          lap_start: data.startLapNumber,
          _version: versionOf(event),
        },
      },
    ];
  },
};
