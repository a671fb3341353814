import { type OpenF1Endpoint } from '../endpoint';
import { championshipDriversEndpoint, championshipTeamsEndpoint } from './championship-endpoints';
import { overtakesEndpoint } from './overtakes-endpoint';
import { raceControlEndpoint, weatherEndpoint } from './race-control-endpoints';
import { sessionResultEndpoint, startingGridEndpoint } from './result-endpoints';
import { driversEndpoint, meetingsEndpoint, sessionsEndpoint } from './session-endpoints';
import { teamRadioEndpoint } from './team-radio-endpoint';
import { carDataEndpoint, locationEndpoint } from './telemetry-endpoints';
import {
  intervalsEndpoint,
  lapsEndpoint,
  pitEndpoint,
  positionEndpoint,
  stintsEndpoint,
} from './timing-endpoints';

/** Every OpenF1 endpoint slipstream serves, by name. */
export const OPENF1_ENDPOINTS: Record<string, OpenF1Endpoint> = Object.fromEntries(
  [
    sessionsEndpoint,
    meetingsEndpoint,
    driversEndpoint,
    lapsEndpoint,
    carDataEndpoint,
    locationEndpoint,
    positionEndpoint,
    intervalsEndpoint,
    pitEndpoint,
    stintsEndpoint,
    raceControlEndpoint,
    weatherEndpoint,
    sessionResultEndpoint,
    startingGridEndpoint,
    teamRadioEndpoint,
    overtakesEndpoint,
    championshipDriversEndpoint,
    championshipTeamsEndpoint,
  ].map((endpoint) => [endpoint.name, endpoint]),
);
