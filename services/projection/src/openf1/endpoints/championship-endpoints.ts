import { type OpenF1Endpoint, withMeetingKey } from '../endpoint';
import { CHAMPIONSHIP_DRIVERS, CHAMPIONSHIP_TEAMS } from './championship.sql';

const SOURCE_NOTE =
  'source: "championship_prediction" (the feed\'s ChampionshipPrediction), else "standings_official" or ' +
  '"standings_provisional" (standings after the previous round plus the session\'s official or provisional points)';

export const championshipDriversEndpoint: OpenF1Endpoint = {
  name: 'championship_drivers',
  summary: `Drivers' championship of a race or sprint: position and points before the session and as its result stands; ${SOURCE_NOTE}`,
  attributes: {
    driver_number: 'int',
    meeting_key: 'int',
    points_current: 'float',
    points_start: 'float',
    position_current: 'int',
    position_start: 'int',
    session_key: 'int',
    source: 'string',
  },
  source: withMeetingKey(CHAMPIONSHIP_DRIVERS),
  orderBy: 'session_key, position_current, driver_number',
};

export const championshipTeamsEndpoint: OpenF1Endpoint = {
  name: 'championship_teams',
  summary: `Teams' championship of a race or sprint: position and points before the session and as its result stands; ${SOURCE_NOTE}`,
  attributes: {
    meeting_key: 'int',
    points_current: 'float',
    points_start: 'float',
    position_current: 'int',
    position_start: 'int',
    session_key: 'int',
    team_name: 'string',
    source: 'string',
  },
  source: withMeetingKey(CHAMPIONSHIP_TEAMS),
  orderBy: 'session_key, position_current, team_name',
};
