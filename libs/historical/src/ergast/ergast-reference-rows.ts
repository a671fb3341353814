import {
  CircuitRegistered,
  ConstructorRegistered,
  DriverRegistered,
  FinishingStatusRegistered,
  RaceScheduled,
  SeasonRegistered,
} from '@slipstream/contracts';

import { recordFact } from '../historical-facts';
import { utcInstant } from '../race-times';
import { type ErgastRowMapper } from './ergast-row-mapper';

/** The tables other rows point at: seasons, circuits, races (the schedule), drivers, constructors, status. */
export const ERGAST_REFERENCE_ROW_MAPPERS: Record<
  'status' | 'seasons' | 'circuits' | 'races' | 'drivers' | 'constructors',
  ErgastRowMapper
> = {
  status: (f, c) => [
    recordFact(
      FinishingStatusRegistered,
      { statusId: f.int('statusId'), status: f.text('status') },
      null,
      'ergast',
      c,
    ),
  ],
  seasons: (f, c) => [
    recordFact(SeasonRegistered, { season: f.int('year'), url: f.optionalText('url') }, null, 'ergast', c),
  ],
  circuits: (f, c) => [
    recordFact(
      CircuitRegistered,
      {
        circuitRef: f.text('circuitRef'),
        name: f.text('name'),
        locality: f.optionalText('location'),
        country: f.optionalText('country'),
        latitude: f.optionalNumber('lat'),
        longitude: f.optionalNumber('lng'),
        url: f.optionalText('url'),
      },
      null,
      'ergast',
      c,
    ),
  ],
  drivers: (f, c) => [
    recordFact(
      DriverRegistered,
      {
        driverRef: f.text('driverRef'),
        permanentNumber: f.optionalInt('number'),
        code: f.optionalText('code'),
        givenName: f.text('forename'),
        familyName: f.text('surname'),
        dateOfBirth: f.optionalDate('dob'),
        nationality: f.optionalText('nationality'),
        url: f.optionalText('url'),
      },
      null,
      'ergast',
      c,
    ),
  ],
  constructors: (f, c) => [
    recordFact(
      ConstructorRegistered,
      {
        constructorRef: f.text('constructorRef'),
        name: f.text('name'),
        nationality: f.optionalText('nationality'),
        url: f.optionalText('url'),
      },
      null,
      'ergast',
      c,
    ),
  ],
  races: (f, c) => {
    const season = f.int('year');
    const date = f.date('date');
    const time = f.optionalUtcTime('time');
    const slot = (prefix: string) => {
      const slotDate = f.optionalDate(`${prefix}_date`);
      return slotDate === null ? null : { date: slotDate, time: f.optionalUtcTime(`${prefix}_time`) };
    };
    const sprint = slot('sprint');
    // From 2023 a sprint weekend has no second practice: the CSV's fp2 columns hold the sprint
    // shootout / sprint qualifying, which Jolpica names as such.
    const fp2HoldsSprintQualifying = season >= 2023 && sprint !== null;
    const data = {
      season,
      round: f.int('round'),
      raceName: f.text('name'),
      circuitRef: c.reference.circuitRef(f.int('circuitId')),
      date,
      time,
      url: f.optionalText('url'),
      sessions: {
        firstPractice: slot('fp1'),
        secondPractice: fp2HoldsSprintQualifying ? null : slot('fp2'),
        thirdPractice: slot('fp3'),
        qualifying: slot('quali'),
        sprintQualifying: fp2HoldsSprintQualifying ? slot('fp2') : null,
        sprint,
      },
    };
    return [recordFact(RaceScheduled, data, utcInstant(date, time), 'ergast', c)];
  },
};
