import { type HistoricalEvent, parseHistoricalEvent } from '@slipstream/contracts';

import { type ProjectedRow, type ProjectorRegistration } from '../core/projector';
import { provenanceColumns } from './historical-rows';

/** Standings as published and as calculated, side by side, and the decisions that adjust them. */
export const historicalStandingsProjector: ProjectorRegistration = {
  name: 'historical_standings',
  eventTypes: [
    'DriverStandingPublished',
    'DriverStandingCalculated',
    'ConstructorStandingPublished',
    'ConstructorStandingCalculated',
    'ConstructorPointsAdjusted',
    'ConstructorExcluded',
    'ConstructorReEntered',
    'DriverDisqualified',
    'RaceResultCorrected',
  ],
  project: (anyEvent): ProjectedRow[] => {
    // Projectors trust nothing they read: an event that does not match its schema fails here, by field.
    const event = parseHistoricalEvent(anyEvent);
    const provenance = provenanceColumns(event);
    const origin = event.type.endsWith('Published') ? 'published' : 'calculated';
    switch (event.type) {
      case 'DriverStandingPublished':
      case 'DriverStandingCalculated': {
        const data: typeof event.data & Counted = event.data;
        const { driverRef, positionText, resultsCounted: _counted, ...standing } = data;
        return [
          {
            table: 'hist_driver_standings',
            row: {
              origin,
              ...standing,
              driver_ref: driverRef,
              position_text: positionText,
              ...provenance,
              _version: standingVersion(event.recordedAt, data),
            },
          },
        ];
      }
      case 'ConstructorStandingPublished':
      case 'ConstructorStandingCalculated': {
        const data: typeof event.data & Counted = event.data;
        const { constructorRef, positionText, resultsCounted: _counted, ...standing } = data;
        return [
          {
            table: 'hist_constructor_standings',
            row: {
              origin,
              ...standing,
              constructor_ref: constructorRef,
              position_text: positionText,
              ...provenance,
              _version: standingVersion(event.recordedAt, data),
            },
          },
        ];
      }
      case 'ConstructorPointsAdjusted': {
        const { round, constructorRef, pointsDelta } = event.data;
        return adjustmentRows(event, 'points_adjusted', 'constructors', constructorRef, round, pointsDelta);
      }
      case 'ConstructorReEntered': {
        const { constructorRef, round } = event.data;
        return adjustmentRows(event, 're_entered', 'constructors', constructorRef, round);
      }
      case 'ConstructorExcluded': {
        const { constructorRef, fromRound } = event.data;
        return adjustmentRows(event, 'excluded', 'constructors', constructorRef, fromRound);
      }
      case 'DriverDisqualified':
        return adjustmentRows(event, 'disqualified', 'drivers', event.data.driverRef, event.data.fromRound);
      case 'RaceResultCorrected': {
        const { round, driverRef, fromPosition, position, reason } = event.data;
        return adjustmentRows(event, 'result_corrected', 'drivers', driverRef, round, null, {
          reason: `${reason} (classified ${fromPosition} → ${position})`,
        });
      }
      default:
        return [];
    }
  },
};

/**
 * A calculated standing's version orders calculations by (newest result recorded, results counted):
 * the results of a season only grow, so the calculation from the whole set wins over any earlier
 * one, even one redelivered after it. Two recordings in the same millisecond would otherwise tie,
 * and a tie goes to whichever row was inserted last. 2,048 results a season is far above any
 * season's (about 650); the product stays an exact integer until the year 2100.
 */
function standingVersion(recordedAt: string, { resultsCounted }: Counted): number {
  const counted = Math.min(resultsCounted ?? 0, RESULTS_PER_VERSION - 1);
  return Date.parse(recordedAt) * RESULTS_PER_VERSION + counted;
}
const RESULTS_PER_VERSION = 2_048;

/** Published standings count no results; calculated ones say how many they counted. */
interface Counted {
  resultsCounted?: number;
}

type Decision = Extract<
  HistoricalEvent,
  {
    type:
      | 'ConstructorPointsAdjusted'
      | 'ConstructorReEntered'
      | 'ConstructorExcluded'
      | 'DriverDisqualified'
      | 'RaceResultCorrected';
  }
>;

/** One row of `hist_standings_adjustments`: what was decided, for whom, from which round, and why. */
function adjustmentRows(
  event: Decision,
  kind: string,
  championship: 'drivers' | 'constructors',
  entrantRef: string,
  round: number,
  pointsDelta: number | null = null,
  overrides: { reason?: string } = {},
): ProjectedRow[] {
  const { season, reason, reference } = event.data;
  const row = {
    kind,
    season,
    round,
    championship,
    entrant_ref: entrantRef,
    points_delta: pointsDelta,
    reason,
    reference,
    ...overrides,
    decided_at: event.occurredAt,
    ...provenanceColumns(event),
  };
  return [{ table: 'hist_standings_adjustments', row }];
}
