import { type HistoricalEventData, parseHistoricalEvent } from '@slipstream/contracts';

import { type ProjectedRow, type ProjectorRegistration } from '../core/projector';
import { provenanceColumns } from './historical-rows';

type Classification = HistoricalEventData<'RaceResultRecorded'>;

function classificationRow(data: Classification) {
  return {
    season: data.season,
    round: data.round,
    driver_ref: data.driverRef,
    constructor_ref: data.constructorRef,
    car_number: data.carNumber,
    grid: data.grid,
    position: data.position,
    position_text: data.positionText,
    position_order: data.positionOrder,
    points: data.points,
    laps: data.laps,
    time_ms: data.timeMs,
    fastest_lap_number: data.fastestLapNumber,
    fastest_lap_rank: data.fastestLapRank,
    fastest_lap_time_ms: data.fastestLapTimeMs,
    fastest_lap_average_speed_kph: data.fastestLapAverageSpeedKph,
    status: data.status,
  };
}

/** Race, sprint and qualifying classifications, lap times, pit stops and constructors' race points. */
export const historicalRaceFactsProjector: ProjectorRegistration = {
  name: 'historical_race_facts',
  eventTypes: [
    'RaceResultRecorded',
    'SprintResultRecorded',
    'QualifyingResultRecorded',
    'LapTimeRecorded',
    'PitStopRecorded',
    'ConstructorRaceResultRecorded',
  ],
  project: (anyEvent): ProjectedRow[] => {
    // Projectors trust nothing they read: an event that does not match its schema fails here, by field.
    const event = parseHistoricalEvent(anyEvent);
    const common = { race_starts_at: event.occurredAt, ...provenanceColumns(event) };
    switch (event.type) {
      case 'RaceResultRecorded': {
        const { season, round, driverRef, constructorRef } = event.data;
        return [
          { table: 'hist_race_results', row: { ...classificationRow(event.data), ...common } },
          // The car a driver drove in a race, read by the history API with joinGet (ADR 0015).
          {
            table: 'hist_race_cars_in',
            row: {
              season,
              round,
              driver_ref: driverRef,
              constructor_ref: constructorRef,
              _version: common._version,
            },
          },
        ];
      }
      case 'SprintResultRecorded':
        return [{ table: 'hist_sprint_results', row: { ...classificationRow(event.data), ...common } }];
      case 'QualifyingResultRecorded': {
        const { season, round, driverRef, constructorRef, carNumber, position, q1Ms, q2Ms, q3Ms } =
          event.data;
        return [
          {
            table: 'hist_qualifying_results',
            row: {
              season,
              round,
              driver_ref: driverRef,
              constructor_ref: constructorRef,
              car_number: carNumber,
              position,
              q1_ms: q1Ms,
              q2_ms: q2Ms,
              q3_ms: q3Ms,
              ...common,
            },
          },
        ];
      }
      case 'LapTimeRecorded': {
        const { season, round, driverRef, lap, position, timeMs } = event.data;
        return [
          {
            table: 'hist_lap_times',
            row: { season, round, driver_ref: driverRef, lap, position, time_ms: timeMs, ...common },
          },
        ];
      }
      case 'PitStopRecorded': {
        const { season, round, driverRef, stop, lap, localTimeOfDay, durationMs } = event.data;
        return [
          {
            table: 'hist_pit_stops',
            row: {
              season,
              round,
              driver_ref: driverRef,
              stop,
              lap,
              local_time_of_day: localTimeOfDay,
              duration_ms: durationMs,
              ...common,
            },
          },
        ];
      }
      case 'ConstructorRaceResultRecorded': {
        const { season, round, constructorRef, points, status } = event.data;
        return [
          {
            table: 'hist_constructor_race_results',
            row: {
              season,
              round,
              constructor_ref: constructorRef,
              points,
              status,
              ...provenanceColumns(event),
            },
          },
        ];
      }
      default:
        return [];
    }
  },
};
