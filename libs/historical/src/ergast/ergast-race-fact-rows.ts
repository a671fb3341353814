import {
  ConstructorRaceResultRecorded,
  ConstructorStandingPublished,
  DriverStandingPublished,
  LapTimeRecorded,
  PitStopRecorded,
  QualifyingResultRecorded,
  RaceResultRecorded,
  SprintResultRecorded,
} from '@slipstream/contracts';

import { recordFact } from '../historical-facts';
import { utcInstant } from '../race-times';
import { type SourceFields } from '../source-fields';
import { type ErgastMappingContext, type ErgastRowMapper } from './ergast-row-mapper';

type RaceFactTable =
  | 'results'
  | 'sprint_results'
  | 'qualifying'
  | 'lap_times'
  | 'pit_stops'
  | 'driver_standings'
  | 'constructor_standings'
  | 'constructor_results';

/** The tables of what happened at a race, each row pointing at a race by `raceId`. */
export const ERGAST_RACE_FACT_ROW_MAPPERS: Record<RaceFactTable, ErgastRowMapper> = {
  results: (f, c) => [
    recordFact(RaceResultRecorded, classification(f, c, true), raceStart(f, c), 'ergast', c),
  ],
  sprint_results: (f, c) => [
    recordFact(SprintResultRecorded, classification(f, c, false), raceStart(f, c), 'ergast', c),
  ],
  qualifying: (f, c) => [
    recordFact(
      QualifyingResultRecorded,
      {
        ...raceDriver(f, c),
        constructorRef: c.reference.constructorRef(f.int('constructorId')),
        carNumber: f.optionalInt('number'),
        position: f.optionalInt('position'),
        q1Ms: f.optionalDurationMs('q1'),
        q2Ms: f.optionalDurationMs('q2'),
        q3Ms: f.optionalDurationMs('q3'),
      },
      raceStart(f, c),
      'ergast',
      c,
    ),
  ],
  lap_times: (f, c) => [
    recordFact(
      LapTimeRecorded,
      {
        ...raceDriver(f, c),
        lap: f.int('lap'),
        position: f.optionalInt('position'),
        timeMs: f.optionalInt('milliseconds') ?? f.durationMs('time'),
      },
      raceStart(f, c),
      'ergast',
      c,
    ),
  ],
  pit_stops: (f, c) => [
    recordFact(
      PitStopRecorded,
      {
        ...raceDriver(f, c),
        stop: f.int('stop'),
        lap: f.int('lap'),
        localTimeOfDay: f.text('time'),
        durationMs: f.optionalInt('milliseconds') ?? f.optionalDurationMs('duration'),
      },
      raceStart(f, c),
      'ergast',
      c,
    ),
  ],
  driver_standings: (f, c) => [
    recordFact(DriverStandingPublished, { ...raceDriver(f, c), ...standing(f) }, null, 'ergast', c),
  ],
  constructor_standings: (f, c) => [
    recordFact(ConstructorStandingPublished, { ...raceConstructor(f, c), ...standing(f) }, null, 'ergast', c),
  ],
  constructor_results: (f, c) => [
    recordFact(
      ConstructorRaceResultRecorded,
      { ...raceConstructor(f, c), points: f.number('points'), status: f.optionalText('status') },
      null,
      'ergast',
      c,
    ),
  ],
};

function raceKey(f: SourceFields, c: ErgastMappingContext) {
  const { season, round } = c.reference.race(f.int('raceId'));
  return { season, round };
}

function raceStart(f: SourceFields, c: ErgastMappingContext): string {
  const race = c.reference.race(f.int('raceId'));
  return utcInstant(race.date, race.time);
}

function raceDriver(f: SourceFields, c: ErgastMappingContext) {
  return { ...raceKey(f, c), driverRef: c.reference.driverRef(f.int('driverId')) };
}

function raceConstructor(f: SourceFields, c: ErgastMappingContext) {
  return { ...raceKey(f, c), constructorRef: c.reference.constructorRef(f.int('constructorId')) };
}

function standing(f: SourceFields) {
  return {
    points: f.number('points'),
    position: f.optionalInt('position'),
    positionText: f.text('positionText'),
    wins: f.int('wins'),
  };
}

/**
 * A position counts only when `positionText` is one too: rows exported from Jolpica (2025 on) put
 * the classification order in `position` even for retirements, where Ergast wrote `\N`.
 */
function classification(f: SourceFields, c: ErgastMappingContext, hasSpeed: boolean) {
  const positionText = f.text('positionText');
  return {
    ...raceDriver(f, c),
    constructorRef: c.reference.constructorRef(f.int('constructorId')),
    carNumber: f.optionalInt('number'),
    grid: f.optionalInt('grid'),
    position: /^\d+$/.test(positionText) ? f.optionalInt('position') : null,
    positionText,
    positionOrder: f.int('positionOrder'),
    points: f.number('points'),
    laps: f.int('laps'),
    timeMs: f.optionalInt('milliseconds'),
    fastestLapNumber: f.optionalInt('fastestLap'),
    fastestLapRank: f.optionalInt('rank'),
    fastestLapTimeMs: f.optionalDurationMs('fastestLapTime'),
    fastestLapAverageSpeedKph: hasSpeed ? f.optionalNumber('fastestLapSpeed') : null,
    status: c.reference.status(f.int('statusId')),
  };
}
