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
        const { driverRef, positionText, ...standing } = event.data;
        return [
          {
            table: 'hist_driver_standings',
            row: { origin, ...standing, driver_ref: driverRef, position_text: positionText, ...provenance },
          },
        ];
      }
      case 'ConstructorStandingPublished':
      case 'ConstructorStandingCalculated': {
        const { constructorRef, positionText, ...standing } = event.data;
        return [
          {
            table: 'hist_constructor_standings',
            row: {
              origin,
              ...standing,
              constructor_ref: constructorRef,
              position_text: positionText,
              ...provenance,
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
