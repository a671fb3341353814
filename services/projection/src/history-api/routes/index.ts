import { type HistoryRoute } from '../history-route';
import {
  circuitsRoute,
  constructorsRoute,
  driversRoute,
  racesRoute,
  seasonsRoute,
  statusesRoute,
} from './dimension-routes';
import {
  constructorSeasonPerformanceRoute,
  driverSeasonPerformanceRoute,
  pitStopPerformanceRoute,
  standingsProgressionRoute,
  teammateHeadToHeadRoute,
} from './mart-routes';
import {
  fastestLapsRoute,
  lapsRoute,
  pitStopsRoute,
  qualifyingRoute,
  resultsRoute,
  sprintResultsRoute,
} from './race-fact-routes';
import {
  constructorStandingsRoute,
  driverStandingsRoute,
  standingsAdjustmentsRoute,
} from './standings-routes';

/** Every route of the history API, by its path under `/v1/history/`. */
export const HISTORY_ROUTES = {
  seasons: seasonsRoute,
  circuits: circuitsRoute,
  races: racesRoute,
  drivers: driversRoute,
  constructors: constructorsRoute,
  statuses: statusesRoute,
  results: resultsRoute,
  'sprint-results': sprintResultsRoute,
  qualifying: qualifyingRoute,
  laps: lapsRoute,
  'fastest-laps': fastestLapsRoute,
  'pit-stops': pitStopsRoute,
  'driver-standings': driverStandingsRoute,
  'constructor-standings': constructorStandingsRoute,
  'standings-adjustments': standingsAdjustmentsRoute,
  'driver-season-performance': driverSeasonPerformanceRoute,
  'constructor-season-performance': constructorSeasonPerformanceRoute,
  'standings-progression': standingsProgressionRoute,
  'teammate-head-to-head': teammateHeadToHeadRoute,
  'pit-stop-performance': pitStopPerformanceRoute,
} satisfies Record<string, HistoryRoute>;

export type HistoryRouteName = keyof typeof HISTORY_ROUTES;
