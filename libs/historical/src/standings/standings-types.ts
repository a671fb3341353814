import { type HistoricalEventData } from '@slipstream/contracts';

/** A race or sprint classification row, as `RaceResultRecorded` / `SprintResultRecorded` carry it. */
export type Classification = HistoricalEventData<'RaceResultRecorded'>;

/** Official decisions the results do not show, in the shape of their events. */
export type StandingsAdjustment =
  | { type: 'ConstructorPointsAdjusted'; data: HistoricalEventData<'ConstructorPointsAdjusted'> }
  | { type: 'ConstructorExcluded'; data: HistoricalEventData<'ConstructorExcluded'> }
  | { type: 'ConstructorReEntered'; data: HistoricalEventData<'ConstructorReEntered'> }
  | { type: 'DriverDisqualified'; data: HistoricalEventData<'DriverDisqualified'> }
  | { type: 'RaceResultCorrected'; data: HistoricalEventData<'RaceResultCorrected'> };

export interface SeasonResults {
  season: number;
  raceResults: readonly Classification[];
  sprintResults: readonly Classification[];
  adjustments?: readonly StandingsAdjustment[];
}

/** One line of a championship table after a round; `ref` is a driver or constructor ref. */
export interface Standing {
  ref: string;
  points: number;
  /** Null only for entrants the championship does not rank. */
  position: number | null;
  /** The position as text, or `E` (excluded) / `D` (disqualified from the championship). */
  positionText: string;
  wins: number;
}

export interface RoundStandings {
  season: number;
  round: number;
  drivers: Standing[];
  constructors: Standing[];
}
