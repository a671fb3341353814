import { type OpenF1Endpoint, withMeetingKey } from '../endpoint';

export const raceControlEndpoint: OpenF1Endpoint = {
  name: 'race_control',
  summary: 'Race control messages: flags, safety car, incidents, penalties, deleted lap times',
  attributes: {
    category: 'string',
    date: 'date',
    driver_number: 'int',
    flag: 'string',
    lap_number: 'int',
    meeting_key: 'int',
    message: 'string',
    scope: 'string',
    sector: 'int',
    session_key: 'int',
  },
  source:
    withMeetingKey(`SELECT category, date, driver_number, flag, lap_number, message, scope, sector, session_key
    FROM session_race_control FINAL`),
  orderBy: 'session_key, date',
};

export const weatherEndpoint: OpenF1Endpoint = {
  name: 'weather',
  summary: 'Weather at the circuit, about once a minute',
  attributes: {
    air_temperature: 'float',
    date: 'date',
    humidity: 'float',
    meeting_key: 'int',
    pressure: 'float',
    rainfall: 'int',
    session_key: 'int',
    track_temperature: 'float',
    wind_direction: 'int',
    wind_speed: 'float',
  },
  source:
    withMeetingKey(`SELECT air_temperature, date, humidity, pressure, toUInt8(rainfall) AS rainfall, session_key,
      track_temperature, toInt32(wind_direction) AS wind_direction, wind_speed
    FROM session_weather FINAL`),
  orderBy: 'session_key, date',
};
