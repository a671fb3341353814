import { type OpenF1Endpoint, withMeetingKey } from '../endpoint';

export const carDataEndpoint: OpenF1Endpoint = {
  name: 'car_data',
  summary: 'Car telemetry, about 3.7 samples per second per car: speed, rpm, gear, throttle, brake, DRS',
  attributes: {
    brake: 'int',
    date: 'date',
    driver_number: 'int',
    drs: 'int',
    meeting_key: 'int',
    n_gear: 'int',
    rpm: 'int',
    session_key: 'int',
    speed: 'int',
    throttle: 'int',
  },
  requiredFilters: ['session_key', 'driver_number'],
  source:
    withMeetingKey(`SELECT brake, date, driver_number, drs, gear AS n_gear, rpm, session_key, speed, throttle
    FROM car_telemetry FINAL`),
  orderBy: 'session_key, driver_number, date',
};

export const locationEndpoint: OpenF1Endpoint = {
  name: 'location',
  summary: 'Car positions on the circuit (x, y, z as the feed sends them), about 3.7 per second per car',
  attributes: {
    date: 'date',
    driver_number: 'int',
    meeting_key: 'int',
    session_key: 'int',
    x: 'int',
    y: 'int',
    z: 'int',
  },
  requiredFilters: ['session_key', 'driver_number'],
  source: withMeetingKey(`SELECT date, driver_number, session_key, x, y, z FROM car_positions FINAL`),
  orderBy: 'session_key, driver_number, date',
};
