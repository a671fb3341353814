import { type HistoricalEventData } from '@slipstream/contracts';

import { ergastRowToEvents } from '../ergast/ergast-row-to-events';
import { officialAdjustmentsFor } from '../standings/adjustments';
import { calculateSeasonStandings } from '../standings/calculate-standings';
import { type Classification, type RoundStandings } from '../standings/standings-types';
import { ergastFixtureReference, readErgastTable } from './historical-fixtures';

type Published =
  | HistoricalEventData<'DriverStandingPublished'>
  | HistoricalEventData<'ConstructorStandingPublished'>;

/** The whole Ergast CSV set's results and published standings, read once per test file. */
export function loadErgastChampionships() {
  const reference = ergastFixtureReference();
  const context = { recordedAt: '2025-10-16T06:12:00.000Z', reference };
  const dataOf = <T>(table: string) =>
    readErgastTable(table).flatMap((row) =>
      ergastRowToEvents(table, row, context).map((event) => event.data as T),
    );
  const results = dataOf<Classification>('results');
  const sprints = dataOf<Classification>('sprint_results');
  const published = {
    drivers: dataOf<HistoricalEventData<'DriverStandingPublished'>>('driver_standings'),
    constructors: dataOf<HistoricalEventData<'ConstructorStandingPublished'>>('constructor_standings'),
  };

  const calculate = (season: number): RoundStandings[] =>
    calculateSeasonStandings({
      season,
      raceResults: results.filter((result) => result.season === season),
      sprintResults: sprints.filter((result) => result.season === season),
      adjustments: officialAdjustmentsFor(season),
    });

  /** Every published row the computed table does not reproduce, as `season rN championship ref: what`. */
  const differences = (season: number): string[] => {
    const rounds = calculate(season);
    return (['drivers', 'constructors'] as const).flatMap((championship) =>
      published[championship]
        .filter((row) => row.season === season)
        .flatMap((row: Published) => {
          const ref = 'driverRef' in row ? row.driverRef : row.constructorRef;
          const computed = rounds
            .find((round) => round.round === row.round)
            ?.[championship].find((standing) => standing.ref === ref);
          const label = `${season} r${row.round} ${championship} ${ref}`;
          if (!computed) return [`${label}: missing`];
          if (computed.points !== row.points || computed.wins !== row.wins)
            return [`${label}: points ${computed.points}/${row.points} wins ${computed.wins}/${row.wins}`];
          return computed.position !== row.position
            ? [`${label}: position ${computed.position}/${row.position}`]
            : [];
        }),
    );
  };

  return { calculate, differences, published };
}
