import { type OpenF1Endpoint, withMeetingKey } from '../endpoint';

/** A session ran once its status turned Started; the sources say nothing of cancellations. */
const STARTED = `session_key IN (SELECT session_key FROM session_status_changes FINAL WHERE status = 'Started')`;

export const sessionsEndpoint: OpenF1Endpoint = {
  name: 'sessions',
  summary: 'Sessions (practice, qualifying, sprint, race) as the live-timing feed announced them',
  attributes: {
    circuit_key: 'int',
    circuit_short_name: 'string',
    country_code: 'string',
    country_key: 'int',
    country_name: 'string',
    date_end: 'date',
    date_start: 'date',
    gmt_offset: 'string',
    is_cancelled: 'bool',
    location: 'string',
    meeting_key: 'int',
    session_key: 'int',
    session_name: 'string',
    session_type: 'string',
    year: 'int',
  },
  source: `SELECT circuit_key, circuit_short_name, country_code, country_key,
      country_name, date_end, date_start, gmt_offset, if(${STARTED}, toNullable(false), NULL) AS is_cancelled,
      location, meeting_key, session_key, session_name, session_type, toYear(date_start) AS year
    FROM session_info FINAL`,
  orderBy: 'date_start, session_key',
};

export const meetingsEndpoint: OpenF1Endpoint = {
  name: 'meetings',
  summary: 'Meetings (Grand Prix weekends), from the sessions slipstream has seen',
  attributes: {
    circuit_key: 'int',
    circuit_short_name: 'string',
    country_code: 'string',
    country_key: 'int',
    country_name: 'string',
    date_end: 'date',
    date_start: 'date',
    gmt_offset: 'string',
    is_cancelled: 'bool',
    location: 'string',
    meeting_key: 'int',
    meeting_name: 'string',
    meeting_official_name: 'string',
    year: 'int',
  },
  // The inner column is renamed so that `min(...) AS date_start` does not shadow it in argMin.
  source: `SELECT argMin(circuit_key, first_start) AS circuit_key,
      argMin(circuit_short_name, first_start) AS circuit_short_name,
      argMin(country_code, first_start) AS country_code, argMin(country_key, first_start) AS country_key,
      argMin(country_name, first_start) AS country_name, max(last_end) AS date_end, min(first_start) AS date_start,
      argMin(gmt_offset, first_start) AS gmt_offset, if(max(started) = 1, toNullable(false), NULL) AS is_cancelled,
      argMin(location, first_start) AS location, meeting_key,
      argMin(meeting_name, first_start) AS meeting_name,
      argMin(meeting_official_name, first_start) AS meeting_official_name, toYear(min(first_start)) AS year
    FROM (SELECT *, date_start AS first_start, date_end AS last_end, toUInt8(${STARTED}) AS started
      FROM session_info FINAL)
    GROUP BY meeting_key`,
  orderBy: 'date_start, meeting_key',
};

export const driversEndpoint: OpenF1Endpoint = {
  name: 'drivers',
  summary: 'Drivers of each session, as the feed lists them',
  attributes: {
    broadcast_name: 'string',
    country_code: 'string',
    driver_number: 'int',
    first_name: 'string',
    full_name: 'string',
    headshot_url: 'string',
    last_name: 'string',
    meeting_key: 'int',
    name_acronym: 'string',
    session_key: 'int',
    team_colour: 'string',
    team_name: 'string',
  },
  unavailable: ['country_code'],
  source:
    withMeetingKey(`SELECT broadcast_name, CAST(NULL, 'Nullable(String)') AS country_code, driver_number,
      first_name, full_name, headshot_url, last_name, name_acronym, session_key, team_colour, team_name
    FROM session_drivers FINAL`),
  orderBy: 'session_key, driver_number',
};
