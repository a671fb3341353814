import {
  CircuitRegistered,
  ConstructorRegistered,
  DriverRegistered,
  FinishingStatusRegistered,
  type HistoricalEvent,
  SeasonRegistered,
} from '@slipstream/contracts';

import { type MappingContext, recordFact } from '../historical-facts';
import { type SourceFields } from '../source-fields';
import { jolpicaRaceToEvent } from './jolpica-race';

export type JolpicaItemMapper = (item: SourceFields, context: MappingContext) => HistoricalEvent[];

/** Items that other items refer to: a Season, Circuit, Driver, Constructor, Status or a Race's schedule. */
export const JOLPICA_REFERENCE_ITEM_MAPPERS: Record<
  'seasons' | 'circuits' | 'races' | 'drivers' | 'constructors' | 'status',
  JolpicaItemMapper
> = {
  seasons: (f, c) => [
    recordFact(SeasonRegistered, { season: f.int('season'), url: f.optionalText('url') }, null, 'jolpica', c),
  ],
  circuits: (f, c) => [
    recordFact(
      CircuitRegistered,
      {
        circuitRef: f.text('circuitId'),
        name: f.text('circuitName'),
        locality: f.optionalText('Location.locality'),
        country: f.optionalText('Location.country'),
        latitude: f.optionalNumber('Location.lat'),
        longitude: f.optionalNumber('Location.long'),
        url: f.optionalText('url'),
      },
      null,
      'jolpica',
      c,
    ),
  ],
  drivers: (f, c) => [
    recordFact(
      DriverRegistered,
      {
        driverRef: f.text('driverId'),
        permanentNumber: f.optionalInt('permanentNumber'),
        code: f.optionalText('code'),
        givenName: f.text('givenName'),
        familyName: f.text('familyName'),
        dateOfBirth: f.optionalDate('dateOfBirth'),
        nationality: f.optionalText('nationality'),
        url: f.optionalText('url'),
      },
      null,
      'jolpica',
      c,
    ),
  ],
  constructors: (f, c) => [
    recordFact(
      ConstructorRegistered,
      {
        constructorRef: f.text('constructorId'),
        name: f.text('name'),
        nationality: f.optionalText('nationality'),
        url: f.optionalText('url'),
      },
      null,
      'jolpica',
      c,
    ),
  ],
  status: (f, c) => [
    recordFact(
      FinishingStatusRegistered,
      { statusId: f.int('statusId'), status: f.text('status') },
      null,
      'jolpica',
      c,
    ),
  ],
  races: (f, c) => [jolpicaRaceToEvent(f, c)],
};
