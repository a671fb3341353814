import { describe, expect, it } from 'vitest';

import { jolpicaItems, readJolpicaResponse } from '../testing/historical-fixtures';
import { jolpicaItemToEvents } from './jolpica-item-to-events';

const context = { recordedAt: '2026-08-20T10:00:00.000Z', causationId: 'raw-message-1' };
const firstItem = (path: string) => jolpicaItems(readJolpicaResponse(path))[0] as Record<string, unknown>;

describe('Jolpica MRData items to events', () => {
  it('states a Race with its Results as one RaceResultRecorded per car, in classification order', () => {
    const events = jolpicaItemToEvents(
      'results',
      firstItem('jolpica-api-json-2023-live/2023@1@results.json'),
      context,
    );

    expect(events).toHaveLength(20);
    expect(events.slice(0, 2).map((event) => event.data)).toMatchObject([
      {
        driverRef: 'max_verstappen',
        position: 1,
        positionOrder: 1,
        points: 25,
        timeMs: 5_636_736,
        fastestLapTimeMs: 96_236,
      },
      { driverRef: 'perez', position: 2, points: 18 },
    ]);
    expect(events[19]).toMatchObject({
      type: 'RaceResultRecorded',
      source: 'jolpica',
      occurredAt: '2023-03-05T15:00:00.000Z',
      recordedAt: '2026-08-20T10:00:00.000Z',
      causationId: 'raw-message-1',
      data: {
        driverRef: 'piastri',
        position: null,
        positionText: 'R',
        positionOrder: 20,
        timeMs: null,
        status: 'Retired',
      },
    });
  });

  it('names the 2023 sprint shootout the sprint qualifying', () => {
    const races = jolpicaItems(readJolpicaResponse('jolpica-api-json-2023-live/2023.json'));
    const [baku] = jolpicaItemToEvents('races', races[3], context);

    expect(baku).toMatchObject({
      type: 'RaceScheduled',
      occurredAt: '2023-04-30T11:00:00.000Z',
      data: {
        season: 2023,
        round: 4,
        raceName: 'Azerbaijan Grand Prix',
        circuitRef: 'baku',
        sessions: {
          secondPractice: null,
          sprintQualifying: { date: '2023-04-29', time: '09:30:00' },
          sprint: { date: '2023-04-29', time: '13:30:00' },
        },
      },
    });
  });

  it('states every timing of a laps page, which may end in the middle of a lap', () => {
    const events = jolpicaItemToEvents(
      'laps',
      firstItem('jolpica-api-json-2023-live/2023@1@laps.json^limit=1200'),
      context,
    );

    expect(events).toHaveLength(100);
    expect(events[0].data).toEqual({
      season: 2023,
      round: 1,
      driverRef: 'max_verstappen',
      lap: 1,
      position: 1,
      timeMs: 99_019,
    });
    expect(events.at(-1)!.data).toMatchObject({ lap: 5 });
  });

  it('states pit stops with their duration in milliseconds and the local time of day', () => {
    const [first] = jolpicaItemToEvents(
      'pitstops',
      firstItem('jolpica-ergast-json-2023/pitstops/2023@18@pitstops.json'),
      context,
    );

    expect(first.data).toEqual({
      season: 2023,
      round: 18,
      driverRef: 'zhou',
      stop: 1,
      lap: 9,
      localTimeOfDay: '14:19:22',
      durationMs: 25_636,
    });
  });

  it('states a StandingsList as the published table after that round', () => {
    const events = jolpicaItemToEvents(
      'driverstandings',
      firstItem('jolpica-ergast-json-2023/driverstandings/2023@22@driverstandings.json'),
      context,
    );

    expect(events).toHaveLength(22);
    expect(events[0]).toMatchObject({
      type: 'DriverStandingPublished',
      data: {
        season: 2023,
        round: 22,
        driverRef: 'max_verstappen',
        points: 575,
        position: 1,
        positionText: '1',
        wins: 19,
      },
    });
  });

  it('accepts the resource in any case, as Jolpica URLs do (driverStandings)', () => {
    const item = firstItem('jolpica-ergast-json-2023/constructorstandings/2023@22@constructorstandings.json');

    expect(jolpicaItemToEvents('constructorStandings', item, context)[0].data).toMatchObject({
      constructorRef: 'red_bull',
      points: 860,
      wins: 21,
    });
  });

  describe('items that cannot be events throw naming where and which field', () => {
    const race = firstItem('jolpica-api-json-2023-live/2023@1@results.json');

    it('a result without its driver', () => {
      const results = (race.Results as Array<Record<string, unknown>>).map((result, index) =>
        index === 3 ? { ...result, Driver: {} } : result,
      );
      expect(() => jolpicaItemToEvents('results', { ...race, Results: results }, context)).toThrow(
        'jolpica 2023 round 1 Results[3]: field "Driver.driverId" is missing',
      );
    });

    it('a Race without its list', () => {
      expect(() => jolpicaItemToEvents('results', { ...race, Results: undefined }, context)).toThrow(
        'field "Results" must be a list',
      );
    });

    it('an unknown resource', () => {
      expect(() => jolpicaItemToEvents('fastestlaps', race, context)).toThrow(
        '"fastestlaps" is not a Jolpica resource',
      );
    });
  });
});
