import {
  ConstructorStandingCalculated,
  DriverStandingCalculated,
  type HistoricalEvent,
} from '@slipstream/contracts';

import { type MappingContext, recordFact } from '../historical-facts';
import { type RoundStandings } from './standings-types';

/**
 * Computed tables as `DriverStandingCalculated` / `ConstructorStandingCalculated` events;
 * `resultsCounted` is the number of results the calculation used (see the contract).
 */
export function calculatedStandingsEvents(
  rounds: readonly RoundStandings[],
  context: MappingContext,
  resultsCounted?: number,
): HistoricalEvent[] {
  const counted = resultsCounted === undefined ? {} : { resultsCounted };
  return rounds.flatMap(({ season, round, drivers, constructors }) => [
    ...drivers.map(({ ref, ...standing }) =>
      recordFact(
        DriverStandingCalculated,
        { season, round, driverRef: ref, ...standing, ...counted },
        null,
        'slipstream',
        context,
      ),
    ),
    ...constructors.map(({ ref, ...standing }) =>
      recordFact(
        ConstructorStandingCalculated,
        { season, round, constructorRef: ref, ...standing, ...counted },
        null,
        'slipstream',
        context,
      ),
    ),
  ]);
}
