import { describe, expect, it } from 'vitest';

import type { SessionSupplementEvent } from '@slipstream/contracts';

import { TopicMessage } from '../formats';
import { DerivationContext } from './event-draft';
import { SessionEventDeriver } from './session-event-deriver';

/*
 * PitStopSeries and ChampionshipPrediction reach only subscribers, and no recording in the
 * repository carries them: these messages are built from their published format (the shapes
 * OpenF1's ingestor reads), live-feed style, a full message first and patches by key after.
 */

const context = (line: number): DerivationContext => ({
  sessionKey: 9877,
  recordedAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'spec',
  causationId: `spec:${line}`,
});

function derive(messages: Array<[string, unknown]>): SessionSupplementEvent[] {
  const deriver = new SessionEventDeriver();
  return messages.flatMap(([topic, payload], index) => {
    const message: TopicMessage = { topic, payload, line: index + 1, raw: JSON.stringify(payload) };
    return deriver
      .apply(message, context(index + 1))
      .flatMap((output) => (output.kind === 'event' ? [output.event] : []))
      .filter((event): event is SessionSupplementEvent =>
        ['GridPositionPublished', 'PitStopTimed', 'ChampionshipStandingPredicted'].includes(event.type),
      );
  });
}

describe('PitStopSeries: the stationary time of each stop', () => {
  it('reads each stop of each car, in the list form and patched by index, and again when its time is corrected', () => {
    const events = derive([
      [
        'PitStopSeries',
        {
          PitTimes: {
            '4': [
              {
                Timestamp: '2025-10-26T20:45:12.345Z',
                PitStop: { RacingNumber: '4', PitStopTime: '2.4', PitLaneTime: '22.31', Lap: '35' },
              },
            ],
          },
        },
      ],
      [
        'PitStopSeries',
        {
          PitTimes: {
            '16': {
              '0': {
                Timestamp: '2025-10-26T20:47:00.100Z',
                PitStop: { RacingNumber: '16', PitStopTime: '', PitLaneTime: '23.0', Lap: '37' },
              },
            },
          },
        },
      ],
      ['PitStopSeries', { PitTimes: { '16': { '0': { PitStop: { PitStopTime: '3.1' } } } } }],
      ['PitStopSeries', { PitTimes: { '16': { '0': { PitStop: { PitStopTime: '3.1' } } } } }],
      ['PitStopSeries', { PitTimes: { junk: [], '44': { '0': { PitStop: { PitStopTime: '2.9' } } } } }],
    ]);
    expect(events.map((event) => [event.type, event.data, event.occurredAt])).toEqual([
      [
        'PitStopTimed',
        {
          sessionKey: 9877,
          driverNumber: 4,
          lapNumber: 35,
          timedAt: '2025-10-26T20:45:12.345Z',
          stopDurationMs: 2400,
          laneDurationMs: 22310,
        },
        '2025-10-26T20:45:12.345Z',
      ],
      [
        'PitStopTimed',
        expect.objectContaining({
          driverNumber: 16,
          lapNumber: 37,
          stopDurationMs: null,
          laneDurationMs: 23000,
        }),
        '2025-10-26T20:47:00.100Z',
      ],
      [
        'PitStopTimed',
        expect.objectContaining({
          driverNumber: 16,
          lapNumber: 37,
          stopDurationMs: 3100,
          laneDurationMs: 23000,
        }),
        '2025-10-26T20:47:00.100Z',
      ],
    ]);
    // The correction replaces the stop: same car and lap, a new event id.
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
  });
});

describe('ChampionshipPrediction: the championships before the session and as the running order stands', () => {
  it('announces every driver and team of the first message, then only those a patch changes', () => {
    const events = derive([
      [
        'ChampionshipPrediction',
        {
          Drivers: {
            '4': {
              RacingNumber: '4',
              CurrentPosition: 2,
              PredictedPosition: 1,
              CurrentPoints: 357.0,
              PredictedPoints: 382.0,
            },
            '81': {
              RacingNumber: '81',
              CurrentPosition: 1,
              PredictedPosition: 2,
              CurrentPoints: 356.0,
              PredictedPoints: 366.0,
            },
          },
          Teams: {
            McLaren: {
              TeamName: 'McLaren',
              CurrentPosition: 1,
              PredictedPosition: 1,
              CurrentPoints: 713.0,
              PredictedPoints: 748.0,
            },
          },
        },
      ],
      ['ChampionshipPrediction', { Drivers: { '81': { PredictedPosition: 3, PredictedPoints: 364.0 } } }],
      ['ChampionshipPrediction', { Drivers: { '4': { PredictedPoints: 382.0 } } }],
      ['ChampionshipPrediction', { Teams: { McLaren: { PredictedPosition: 0 } } }],
    ]);
    expect(events.map((event) => event.data)).toEqual([
      {
        sessionKey: 9877,
        championship: 'drivers',
        driverNumber: 4,
        teamName: null,
        positionStart: 2,
        positionCurrent: 1,
        pointsStart: 357,
        pointsCurrent: 382,
      },
      {
        sessionKey: 9877,
        championship: 'drivers',
        driverNumber: 81,
        teamName: null,
        positionStart: 1,
        positionCurrent: 2,
        pointsStart: 356,
        pointsCurrent: 366,
      },
      {
        sessionKey: 9877,
        championship: 'teams',
        driverNumber: null,
        teamName: 'McLaren',
        positionStart: 1,
        positionCurrent: 1,
        pointsStart: 713,
        pointsCurrent: 748,
      },
      {
        sessionKey: 9877,
        championship: 'drivers',
        driverNumber: 81,
        teamName: null,
        positionStart: 1,
        positionCurrent: 3,
        pointsStart: 356,
        pointsCurrent: 364,
      },
      // A position of 0 means "none" (OpenF1 keeps only positions above zero).
      {
        sessionKey: 9877,
        championship: 'teams',
        driverNumber: null,
        teamName: 'McLaren',
        positionStart: 1,
        positionCurrent: null,
        pointsStart: 713,
        pointsCurrent: 748,
      },
    ]);
    expect(events.map((event) => event.type)).toEqual(Array(5).fill('ChampionshipStandingPredicted'));
  });
});

describe("TimingAppData's GridPos: the starting grid", () => {
  it('announces each car once, and again only when its place changes', () => {
    const events = derive([
      [
        'TimingAppData',
        {
          Lines: {
            '4': { RacingNumber: '4', Line: 1, GridPos: '1' },
            '16': { RacingNumber: '16', Line: 2, GridPos: '2' },
          },
        },
      ],
      ['TimingAppData', { Lines: { '4': { Line: 1 } } }],
      ['TimingAppData', { Lines: { '16': { GridPos: '2' }, '44': { GridPos: '' } } }],
      ['TimingAppData', { Lines: { '16': { GridPos: '20' } } }],
    ]);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['GridPositionPublished', { sessionKey: 9877, driverNumber: 4, position: 1 }],
      ['GridPositionPublished', { sessionKey: 9877, driverNumber: 16, position: 2 }],
      ['GridPositionPublished', { sessionKey: 9877, driverNumber: 16, position: 20 }],
    ]);
  });
});
