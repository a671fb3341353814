import { type SessionEventOfType } from '@slipstream/contracts';

import { type ProjectedRow, type ProjectorRegistration } from '../core/projector';
import { versionOf } from './row-values';

type MessageIssued = SessionEventOfType<'RaceControlMessageIssued'>;
type TrackStatusChanged = SessionEventOfType<'TrackStatusChanged'>;
type WeatherRecorded = SessionEventOfType<'WeatherRecorded'>;

/** Race control messages, track status (flags, SC, VSC, red) and weather readings. */
export const raceControlProjector: ProjectorRegistration = {
  name: 'session_race_control',
  eventTypes: ['RaceControlMessageIssued', 'TrackStatusChanged', 'WeatherRecorded'],
  project: (event): ProjectedRow[] => {
    if (event.type === 'TrackStatusChanged') {
      const { data } = event as TrackStatusChanged;
      return [
        {
          table: 'session_track_status',
          row: {
            session_key: data.sessionKey,
            date: event.occurredAt,
            event_id: event.id,
            code: data.code,
            state: data.state,
            message: data.message,
            previous_code: data.previousCode,
            _version: versionOf(event),
          },
        },
      ];
    }
    if (event.type === 'WeatherRecorded') {
      const { data } = event as WeatherRecorded;
      return [
        {
          table: 'session_weather',
          row: {
            session_key: data.sessionKey,
            date: event.occurredAt,
            event_id: event.id,
            air_temperature: data.airTemperatureC,
            track_temperature: data.trackTemperatureC,
            humidity: data.humidityPercent,
            pressure: data.pressureMbar,
            rainfall: data.rainfall,
            wind_direction: data.windDirectionDeg,
            wind_speed: data.windSpeedMps,
            _version: versionOf(event),
          },
        },
      ];
    }
    const { data } = event as MessageIssued;
    return [
      {
        table: 'session_race_control',
        row: {
          session_key: data.sessionKey,
          message_index: data.messageIndex,
          date: data.issuedAt,
          lap_number: data.lapNumber,
          category: data.category,
          message: data.message,
          flag: data.flag,
          scope: data.scope,
          sector: data.sector,
          driver_number: data.driverNumber,
          status: data.status,
          mode: data.mode,
          _version: versionOf(event),
        },
      },
    ];
  },
};
