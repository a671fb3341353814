import {
  ConstructorStandingCalculated,
  DriverStandingCalculated,
  type HistoricalEvent,
} from '@slipstream/contracts';

import { type MappingContext, recordFact } from '../historical-facts';
import { type RoundStandings } from './standings-types';

/** Computed tables as `DriverStandingCalculated` / `ConstructorStandingCalculated` events. */
export function calculatedStandingsEvents(
  rounds: readonly RoundStandings[],
  context: MappingContext,
): HistoricalEvent[] {
  return rounds.flatMap(({ season, round, drivers, constructors }) => [
    ...drivers.map(({ ref, ...standing }) =>
      recordFact(
        DriverStandingCalculated,
        { season, round, driverRef: ref, ...standing },
        null,
        'slipstream',
        context,
      ),
    ),
    ...constructors.map(({ ref, ...standing }) =>
      recordFact(
        ConstructorStandingCalculated,
        { season, round, constructorRef: ref, ...standing },
        null,
        'slipstream',
        context,
      ),
    ),
  ]);
}
