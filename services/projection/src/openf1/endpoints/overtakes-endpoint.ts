import { type OpenF1Endpoint, withMeetingKey } from '../endpoint';
import { OVERTAKES } from './overtakes.sql';

export const overtakesEndpoint: OpenF1Endpoint = {
  name: 'overtakes',
  summary:
    'Overtakes in races and sprints: who passed whom, for which position, when; from the running ' +
    'order, leaving out pit stops and cars that stopped for good',
  attributes: {
    date: 'date',
    meeting_key: 'int',
    overtaken_driver_number: 'int',
    overtaking_driver_number: 'int',
    position: 'int',
    session_key: 'int',
  },
  requiredFilters: ['session_key'],
  source: withMeetingKey(OVERTAKES),
  orderBy: 'session_key, date, position',
};
