import { type OpenF1Endpoint, withMeetingKey } from '../endpoint';

/** Where F1 serves a finished session's files; a clip's path is relative to its session's folder. */
export const LIVETIMING_STATIC_URL = 'https://livetiming.formula1.com/static/';

export const teamRadioEndpoint: OpenF1Endpoint = {
  name: 'team_radio',
  summary: "Team radio clips the feed published: time, car, and the recording on F1's static server",
  attributes: {
    date: 'date',
    driver_number: 'int',
    meeting_key: 'int',
    recording_url: 'string',
    session_key: 'int',
  },
  // A clip's path (`TeamRadio/…mp3`) is made absolute with its session's archive path, as OpenF1 does.
  source: withMeetingKey(`SELECT r.date AS date, r.driver_number AS driver_number,
      if(i.archive_path IS NULL OR i.archive_path = '', NULL,
         concat('${LIVETIMING_STATIC_URL}', assumeNotNull(i.archive_path), r.path)) AS recording_url,
      r.session_key AS session_key
    FROM session_team_radio AS r FINAL
    LEFT JOIN (SELECT session_key, archive_path FROM session_info FINAL) AS i ON r.session_key = i.session_key`),
  orderBy: 'session_key, date, driver_number',
};
