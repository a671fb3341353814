import { type HistoricalEventData, parseHistoricalEvent } from '@slipstream/contracts';
import { utcInstant } from '@slipstream/historical';

import { type ProjectedRow, type ProjectorRegistration } from '../core/projector';
import { provenanceColumns } from './historical-rows';

type Sessions = HistoricalEventData<'RaceScheduled'>['sessions'];

const SESSION_NAMES: Record<keyof Sessions, string> = {
  firstPractice: 'first_practice',
  secondPractice: 'second_practice',
  thirdPractice: 'third_practice',
  qualifying: 'qualifying',
  sprintQualifying: 'sprint_qualifying',
  sprint: 'sprint',
};

/** Seasons, circuits, races with their sessions, drivers, constructors and finishing statuses. */
export const historicalDimensionsProjector: ProjectorRegistration = {
  name: 'historical_dimensions',
  eventTypes: [
    'SeasonRegistered',
    'CircuitRegistered',
    'RaceScheduled',
    'DriverRegistered',
    'ConstructorRegistered',
    'FinishingStatusRegistered',
  ],
  project: (anyEvent): ProjectedRow[] => {
    // Projectors trust nothing they read: an event that does not match its schema fails here, by field.
    const event = parseHistoricalEvent(anyEvent);
    const provenance = provenanceColumns(event);
    switch (event.type) {
      case 'SeasonRegistered':
        return [
          { table: 'hist_seasons', row: { season: event.data.season, url: event.data.url, ...provenance } },
        ];
      case 'CircuitRegistered': {
        const { circuitRef, ...circuit } = event.data;
        return [{ table: 'hist_circuits', row: { circuit_ref: circuitRef, ...circuit, ...provenance } }];
      }
      case 'DriverRegistered': {
        const { driverRef, permanentNumber, givenName, familyName, dateOfBirth, code, nationality, url } =
          event.data;
        return [
          {
            table: 'hist_drivers',
            row: {
              driver_ref: driverRef,
              permanent_number: permanentNumber,
              code,
              given_name: givenName,
              family_name: familyName,
              date_of_birth: dateOfBirth,
              nationality,
              url,
              ...provenance,
            },
          },
        ];
      }
      case 'ConstructorRegistered': {
        const { constructorRef, name, nationality, url } = event.data;
        return [
          {
            table: 'hist_constructors',
            row: { constructor_ref: constructorRef, name, nationality, url, ...provenance },
          },
        ];
      }
      case 'FinishingStatusRegistered':
        return [
          {
            table: 'hist_finishing_statuses',
            row: { status_id: event.data.statusId, status: event.data.status, ...provenance },
          },
        ];
      case 'RaceScheduled': {
        const { season, round, raceName, circuitRef, date, time, url, sessions } = event.data;
        const race = {
          table: 'hist_races',
          row: {
            season,
            round,
            race_name: raceName,
            circuit_ref: circuitRef,
            race_date: date,
            starts_at: utcInstant(date, time),
            start_time_known: time !== null,
            url,
            ...provenance,
          },
        };
        const slots = [
          ...Object.entries(SESSION_NAMES).map(
            ([key, name]) => [name, sessions[key as keyof Sessions]] as const,
          ),
          ['race', { date, time }] as const,
        ];
        const sessionRows = slots.map(([session, slot]) => ({
          table: 'hist_race_sessions',
          row: {
            season,
            round,
            session,
            scheduled: slot !== null,
            session_date: slot?.date ?? null,
            starts_at: slot ? utcInstant(slot.date, slot.time) : null,
            start_time_known: slot?.time !== null && slot?.time !== undefined,
            ...provenance,
          },
        }));
        // Read by the history API with joinGet (ADR 0015); the newest version is kept.
        const label = {
          table: 'hist_race_labels_in',
          row: { season, round, race_name: raceName, circuit_ref: circuitRef, _version: provenance._version },
        };
        return [race, ...sessionRows, label];
      }
      default:
        return [];
    }
  },
};
