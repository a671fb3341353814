import {
  ConstructorExcluded,
  ConstructorPointsAdjusted,
  ConstructorReEntered,
  DriverDisqualified,
  type HistoricalEvent,
  RaceResultCorrected,
} from '@slipstream/contracts';

import { type MappingContext, recordFact } from '../historical-facts';
import { type StandingsAdjustment } from './standings-types';

/**
 * Official decisions that change a championship table although no race result shows them.
 * Each is published as an event, so the computed standings can be traced back to it.
 */
export interface OfficialDecision {
  /** The day the decision was taken; the event's `occurredAt`. */
  decidedOn: string;
  adjustment: StandingsAdjustment;
}

export const OFFICIAL_DECISIONS: readonly OfficialDecision[] = [
  {
    // After the Jerez collision with Villeneuve, the World Motor Sport Council disqualified Schumacher
    // from the 1997 drivers' championship on 11 November 1997; his results and wins stand.
    decidedOn: '1997-11-11',
    adjustment: {
      type: 'DriverDisqualified',
      data: {
        season: 1997,
        fromRound: 17,
        driverRef: 'michael_schumacher',
        reason: 'Disqualified from the 1997 drivers championship for the collision with Villeneuve at Jerez',
        reference: 'https://en.wikipedia.org/wiki/1997_European_Grand_Prix#Post-race',
      },
    },
  },
  {
    // World Motor Sport Council, 13 September 2007 (the espionage case): McLaren excluded from the
    // 2007 constructors' championship; the drivers kept their points. Ergast lists McLaren last with `E`.
    decidedOn: '2007-09-13',
    adjustment: {
      type: 'ConstructorExcluded',
      data: {
        season: 2007,
        fromRound: 1,
        constructorRef: 'mclaren',
        reason:
          'Excluded from the 2007 constructors championship by the World Motor Sport Council (espionage case)',
        reference: 'https://en.wikipedia.org/wiki/2007_Formula_One_espionage_controversy',
      },
    },
  },
  {
    // Hungarian GP stewards, 5 August 2007: McLaren scored no constructors' points at that race
    // (Alonso held Hamilton up in the pit lane in qualifying); Hamilton's win and Alonso's 4th
    // gave 10 + 5. The published table takes the 15 off from round 11…
    decidedOn: '2007-08-05',
    adjustment: {
      type: 'ConstructorPointsAdjusted',
      data: {
        season: 2007,
        round: 11,
        constructorRef: 'mclaren',
        pointsDelta: -15,
        reason: 'No constructors points from the Hungarian Grand Prix (stewards, qualifying incident)',
        reference: 'https://en.wikipedia.org/wiki/2007_Hungarian_Grand_Prix',
      },
    },
  },
  {
    // …and, once the exclusion of 13 September made the penalty moot, lists McLaren's points as
    // scored again from the Belgian GP (round 14) on.
    decidedOn: '2007-09-13',
    adjustment: {
      type: 'ConstructorPointsAdjusted',
      data: {
        season: 2007,
        round: 14,
        constructorRef: 'mclaren',
        pointsDelta: 15,
        reason: 'Hungary penalty superseded by the exclusion from the championship: points listed as scored',
        reference: 'https://en.wikipedia.org/wiki/2007_Formula_One_espionage_controversy',
      },
    },
  },
  {
    // Karthikeyan cut the final chicane in the last laps of the 2011 Canadian GP: a 20-second
    // penalty after the race dropped him from 14th to 17th. results.csv keeps the 14th; the
    // published standings (Glock ahead of him on zero points from round 10) follow the 17th.
    decidedOn: '2011-06-12',
    adjustment: {
      type: 'RaceResultCorrected',
      data: {
        season: 2011,
        round: 7,
        driverRef: 'karthikeyan',
        fromPosition: 14,
        position: 17,
        reason: '20-second time penalty after the race for cutting the chicane',
        reference: 'https://en.wikipedia.org/wiki/2011_Canadian_Grand_Prix',
      },
    },
  },
  {
    // Force India went into administration; the team bought by the Racing Point consortium was
    // admitted as a new entry from the Belgian Grand Prix (round 13) and lost the 59 points scored before.
    decidedOn: '2018-08-23',
    adjustment: {
      type: 'ConstructorReEntered',
      data: {
        season: 2018,
        round: 13,
        constructorRef: 'force_india',
        reason:
          'New entry (Racing Point Force India) from the Belgian Grand Prix; earlier points were not transferred',
        reference: 'https://en.wikipedia.org/wiki/Racing_Point_Force_India',
      },
    },
  },
  {
    // Stewards' decision of 7 August 2020 on Renault's protest (RP20 rear brake ducts): 15 points
    // deducted from Racing Point before the 70th Anniversary Grand Prix (round 5).
    decidedOn: '2020-08-07',
    adjustment: {
      type: 'ConstructorPointsAdjusted',
      data: {
        season: 2020,
        round: 5,
        constructorRef: 'racing_point',
        pointsDelta: -15,
        reason: 'Deduction for the RP20 rear brake ducts (Renault protest)',
        reference: 'https://en.wikipedia.org/wiki/Racing_Point_RP20#Brake_duct_controversy',
      },
    },
  },
];

export function officialAdjustmentsFor(season: number): StandingsAdjustment[] {
  return OFFICIAL_DECISIONS.map((decision) => decision.adjustment).filter(
    (adjustment) => adjustment.data.season === season,
  );
}

/**
 * When slipstream recorded the decisions above: they are written in this file, not observed, so
 * they carry the time of the list's last revision. A fixed time keeps every run's read models
 * identical (a restarted reactor publishes them again; the kill -9 checksum tests compare runs).
 * Change it when the list changes.
 */
export const OFFICIAL_DECISIONS_RECORDED_AT = '2025-01-01T00:00:00.000Z';

/** The decisions as events, for publishing to EVENTS alongside the results they adjust. */
export function officialDecisionEvents(context: MappingContext): HistoricalEvent[] {
  return OFFICIAL_DECISIONS.map(({ decidedOn, adjustment }) => {
    const occurredAt = `${decidedOn}T00:00:00.000Z`;
    switch (adjustment.type) {
      case 'ConstructorPointsAdjusted':
        return recordFact(ConstructorPointsAdjusted, adjustment.data, occurredAt, 'slipstream', context);
      case 'ConstructorExcluded':
        return recordFact(ConstructorExcluded, adjustment.data, occurredAt, 'slipstream', context);
      case 'ConstructorReEntered':
        return recordFact(ConstructorReEntered, adjustment.data, occurredAt, 'slipstream', context);
      case 'DriverDisqualified':
        return recordFact(DriverDisqualified, adjustment.data, occurredAt, 'slipstream', context);
      case 'RaceResultCorrected':
        return recordFact(RaceResultCorrected, adjustment.data, occurredAt, 'slipstream', context);
    }
  });
}
