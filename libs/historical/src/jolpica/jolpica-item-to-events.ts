import {
  ConstructorStandingPublished,
  DriverStandingPublished,
  type HistoricalEvent,
  LapTimeRecorded,
  PitStopRecorded,
  QualifyingResultRecorded,
  RaceResultRecorded,
  SprintResultRecorded,
} from '@slipstream/contracts';

import { type MappingContext, recordFact } from '../historical-facts';
import { InvalidSourceRecordError, SourceFields } from '../source-fields';
import { raceStartOf } from './jolpica-race';
import { JOLPICA_REFERENCE_ITEM_MAPPERS, type JolpicaItemMapper } from './jolpica-reference-items';

export type JolpicaResource =
  | 'seasons'
  | 'circuits'
  | 'races'
  | 'drivers'
  | 'constructors'
  | 'status'
  | 'results'
  | 'qualifying'
  | 'sprint'
  | 'laps'
  | 'pitstops'
  | 'driverstandings'
  | 'constructorstandings';

/**
 * One item of an MRData list (a Season, a Driver, a Race with its Results, a StandingsList…) to
 * the events it states: the same events, with the same ids, as the Ergast CSV rows for the same facts.
 */
export function jolpicaItemToEvents(
  resource: string,
  item: unknown,
  context: MappingContext,
): HistoricalEvent[] {
  const mapper = MAPPERS[resource.toLowerCase() as JolpicaResource];
  if (!mapper)
    throw new InvalidSourceRecordError(
      `jolpica ${resource} item`,
      'resource',
      `"${resource}" is not a Jolpica resource`,
    );
  return mapper(new SourceFields(`jolpica ${resource} item`, item), context);
}

const MAPPERS: Record<JolpicaResource, JolpicaItemMapper> = {
  ...JOLPICA_REFERENCE_ITEM_MAPPERS,
  results: (race, c) =>
    entries(race, 'Results').map((f) =>
      recordFact(RaceResultRecorded, classification(race, f), raceStartOf(race), 'jolpica', c),
    ),
  sprint: (race, c) =>
    entries(race, 'SprintResults').map((f) =>
      recordFact(SprintResultRecorded, classification(race, f), raceStartOf(race), 'jolpica', c),
    ),
  qualifying: (race, c) =>
    entries(race, 'QualifyingResults').map((f) =>
      recordFact(
        QualifyingResultRecorded,
        {
          ...raceKey(race),
          driverRef: f.text('Driver.driverId'),
          constructorRef: f.text('Constructor.constructorId'),
          carNumber: f.optionalInt('number'),
          position: f.optionalInt('position'),
          q1Ms: f.optionalDurationMs('Q1'),
          q2Ms: f.optionalDurationMs('Q2'),
          q3Ms: f.optionalDurationMs('Q3'),
        },
        raceStartOf(race),
        'jolpica',
        c,
      ),
    ),
  laps: (race, c) =>
    entries(race, 'Laps').flatMap((lap) =>
      entries(lap, 'Timings').map((f) =>
        recordFact(
          LapTimeRecorded,
          {
            ...raceKey(race),
            driverRef: f.text('driverId'),
            lap: lap.int('number'),
            position: f.optionalInt('position'),
            timeMs: f.durationMs('time'),
          },
          raceStartOf(race),
          'jolpica',
          c,
        ),
      ),
    ),
  pitstops: (race, c) =>
    entries(race, 'PitStops').map((f) =>
      recordFact(
        PitStopRecorded,
        {
          ...raceKey(race),
          driverRef: f.text('driverId'),
          stop: f.int('stop'),
          lap: f.int('lap'),
          localTimeOfDay: f.text('time'),
          durationMs: f.optionalDurationMs('duration'),
        },
        raceStartOf(race),
        'jolpica',
        c,
      ),
    ),
  driverstandings: (list, c) =>
    entries(list, 'DriverStandings').map((f) =>
      recordFact(
        DriverStandingPublished,
        { ...raceKey(list), driverRef: f.text('Driver.driverId'), ...standing(f) },
        null,
        'jolpica',
        c,
      ),
    ),
  constructorstandings: (list, c) =>
    entries(list, 'ConstructorStandings').map((f) =>
      recordFact(
        ConstructorStandingPublished,
        { ...raceKey(list), constructorRef: f.text('Constructor.constructorId'), ...standing(f) },
        null,
        'jolpica',
        c,
      ),
    ),
};

/** The entries of a nested list, each read with a location that names the race and the index. */
function entries(parent: SourceFields, list: string): SourceFields[] {
  const value = parent.raw(list);
  if (!Array.isArray(value)) parent.fail(list, 'must be a list');
  const where = `${describe(parent)} ${list}`;
  return value.map((entry, index) => new SourceFields(`${where}[${index}]`, entry));
}

function describe(f: SourceFields): string {
  const season = f.optionalText('season');
  const round = f.optionalText('round');
  return season && round ? `jolpica ${season} round ${round}` : 'jolpica item';
}

function raceKey(f: SourceFields) {
  return { season: f.int('season'), round: f.int('round') };
}

function standing(f: SourceFields) {
  return {
    points: f.number('points'),
    position: f.optionalInt('position'),
    positionText: f.text('positionText'),
    wins: f.int('wins'),
  };
}

/** Jolpica's `position` is the classification order; the classified position is in `positionText`. */
function classification(race: SourceFields, f: SourceFields) {
  const positionText = f.text('positionText');
  return {
    ...raceKey(race),
    driverRef: f.text('Driver.driverId'),
    constructorRef: f.text('Constructor.constructorId'),
    carNumber: f.optionalInt('number'),
    grid: f.optionalInt('grid'),
    position: /^\d+$/.test(positionText) ? Number(positionText) : null,
    positionText,
    positionOrder: f.int('position'),
    points: f.number('points'),
    laps: f.int('laps'),
    timeMs: f.optionalInt('Time.millis'),
    fastestLapNumber: f.optionalInt('FastestLap.lap'),
    fastestLapRank: f.optionalInt('FastestLap.rank'),
    fastestLapTimeMs: f.optionalDurationMs('FastestLap.Time.time'),
    fastestLapAverageSpeedKph: f.optionalNumber('FastestLap.AverageSpeed.speed'),
    status: f.text('status'),
  };
}
