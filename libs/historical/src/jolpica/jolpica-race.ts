import { type HistoricalEvent, RaceScheduled } from '@slipstream/contracts';

import { type MappingContext, recordFact } from '../historical-facts';
import { utcInstant } from '../race-times';
import { type SourceFields } from '../source-fields';

/** A Race's schedule: every session Jolpica publishes, under slipstream's session names. */
export function jolpicaRaceToEvent(race: SourceFields, context: MappingContext): HistoricalEvent {
  const slot = (name: string) => {
    const date = race.optionalDate(`${name}.date`);
    return date === null ? null : { date, time: race.optionalUtcTime(`${name}.time`) };
  };
  const date = race.date('date');
  const time = race.optionalUtcTime('time');
  const data = {
    season: race.int('season'),
    round: race.int('round'),
    raceName: race.text('raceName'),
    circuitRef: race.text('Circuit.circuitId'),
    date,
    time,
    url: race.optionalText('url'),
    sessions: {
      firstPractice: slot('FirstPractice'),
      secondPractice: slot('SecondPractice'),
      thirdPractice: slot('ThirdPractice'),
      qualifying: slot('Qualifying'),
      // Jolpica calls it SprintShootout for 2023 and SprintQualifying from 2024.
      sprintQualifying: slot('SprintQualifying') ?? slot('SprintShootout'),
      sprint: slot('Sprint'),
    },
  };
  return recordFact(RaceScheduled, data, utcInstant(date, time), 'jolpica', context);
}

export function raceStartOf(race: SourceFields): string {
  return utcInstant(race.date('date'), race.optionalUtcTime('time'));
}
