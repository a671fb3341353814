import { type OpenF1Endpoint, withMeetingKey } from '../endpoint';

/*
 * `qualifying_phase` (Q1–Q3) of a qualifying session's message: the part the session was in when
 * it was issued, i.e. of the last status change at or before it. Race control stamps whole
 * seconds and announces a part's green light a moment before the status turns, hence one second
 * of grace; a message before the first part belongs to Q1. Null outside qualifying.
 */
const RACE_CONTROL_WITH_PHASE = `SELECT m.category AS category, m.date AS date, m.driver_number AS driver_number,
    m.flag AS flag, m.lap_number AS lap_number, m.message AS message,
    if(q.session_key = 0, NULL, toNullable(toUInt8(greatest(ifNull(p.session_part, 1), 1)))) AS qualifying_phase,
    m.scope AS scope, m.sector AS sector, m.session_key AS session_key
  FROM (SELECT *, date + INTERVAL 1 SECOND AS _graced FROM session_race_control FINAL) AS m
  LEFT JOIN (SELECT session_key FROM session_info FINAL WHERE session_type = 'Qualifying') AS q
    ON m.session_key = q.session_key
  ASOF LEFT JOIN (SELECT session_key, date, session_part FROM session_status_changes FINAL
      WHERE session_part IS NOT NULL) AS p
    ON m.session_key = p.session_key AND m._graced >= p.date`;

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
    qualifying_phase: 'int',
    scope: 'string',
    sector: 'int',
    session_key: 'int',
  },
  source: withMeetingKey(RACE_CONTROL_WITH_PHASE),
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
