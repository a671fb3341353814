import { parseHistoricalEvent } from '@slipstream/contracts';

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
    const adjustment = { decided_at: event.occurredAt, ...provenance };
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
        const { season, round, constructorRef, pointsDelta, reason, reference } = event.data;
        const row = {
          kind: 'points_adjusted',
          season,
          round,
          championship: 'constructors',
          entrant_ref: constructorRef,
          points_delta: pointsDelta,
          reason,
          reference,
        };
        return [{ table: 'hist_standings_adjustments', row: { ...row, ...adjustment } }];
      }
      case 'ConstructorReEntered': {
        const { season, round, constructorRef, reason, reference } = event.data;
        const row = {
          kind: 're_entered',
          season,
          round,
          championship: 'constructors',
          entrant_ref: constructorRef,
          points_delta: null,
          reason,
          reference,
        };
        return [{ table: 'hist_standings_adjustments', row: { ...row, ...adjustment } }];
      }
      case 'ConstructorExcluded': {
        const { season, fromRound, constructorRef, reason, reference } = event.data;
        const row = {
          kind: 'excluded',
          season,
          round: fromRound,
          championship: 'constructors',
          entrant_ref: constructorRef,
          points_delta: null,
          reason,
          reference,
        };
        return [{ table: 'hist_standings_adjustments', row: { ...row, ...adjustment } }];
      }
      case 'DriverDisqualified': {
        const { season, fromRound, driverRef, reason, reference } = event.data;
        const row = {
          kind: 'disqualified',
          season,
          round: fromRound,
          championship: 'drivers',
          entrant_ref: driverRef,
          points_delta: null,
          reason,
          reference,
        };
        return [{ table: 'hist_standings_adjustments', row: { ...row, ...adjustment } }];
      }
      case 'RaceResultCorrected': {
        const { season, round, driverRef, fromPosition, position, reason, reference } = event.data;
        const row = {
          kind: 'result_corrected',
          season,
          round,
          championship: 'drivers',
          entrant_ref: driverRef,
          points_delta: null,
          reason: `${reason} (classified ${fromPosition} → ${position})`,
          reference,
        };
        return [{ table: 'hist_standings_adjustments', row: { ...row, ...adjustment } }];
      }
      default:
        return [];
    }
  },
};
