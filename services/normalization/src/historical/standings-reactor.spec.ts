import { describe, expect, it } from 'vitest';

import {
  type AnyEvent,
  eventSubject,
  historicalEventSubject,
  parseEventSubject,
  RaceResultRecorded,
  rawSubjects,
} from '@slipstream/contracts';
import { OFFICIAL_DECISIONS_RECORDED_AT, recordFact } from '@slipstream/historical';
import { type OutgoingMessage, PermanentError } from '@slipstream/messaging';

import { isResultSubject, StandingsReactor } from './standings-reactor';

/** A 2023 race result: no official decision touches that season. */
function raceResult(
  round: number,
  driverRef: string,
  position: number,
  points: number,
  recordedAt = '2025-10-16T06:12:00.000Z',
) {
  return recordFact(
    RaceResultRecorded,
    {
      season: 2023,
      round,
      driverRef,
      constructorRef: `${driverRef}_team`,
      carNumber: position,
      grid: position,
      position,
      positionText: String(position),
      positionOrder: position,
      points,
      laps: 57,
      timeMs: null,
      fastestLapNumber: null,
      fastestLapRank: null,
      fastestLapTimeMs: null,
      fastestLapAverageSpeedKph: null,
      status: 'Finished',
    },
    null,
    'ergast',
    { recordedAt },
  );
}

function delivered(event: AnyEvent, subject = historicalEventSubject(event as never)) {
  return { subject, json: <T>() => event as T };
}

function reactor(stored: AnyEvent[] = []) {
  const published: OutgoingMessage[] = [];
  const standings = new StandingsReactor({
    readStoredResults: async function* () {
      yield* stored;
    },
    publish: async (message) => void published.push(message),
    flush: async () => undefined,
  });
  const ofType = (type: string) =>
    published.map(({ payload }) => payload as AnyEvent).filter((event) => event.type === type);
  return { standings, published, ofType };
}

const driverPoints = (events: AnyEvent[], round: number) =>
  Object.fromEntries(
    events
      .filter((event) => (event.data as { round: number }).round === round)
      .map((event) => [
        (event.data as { driverRef: string }).driverRef,
        (event.data as { points: number }).points,
      ]),
  );

describe('StandingsReactor', () => {
  it('publishes the official decisions once, with the first batch, stamped with the time of their list', async () => {
    const { standings, ofType, published } = reactor();
    await standings.react([]);
    const decisions = published.length;
    expect(decisions).toBeGreaterThan(0);
    expect(
      ofType('ConstructorPointsAdjusted').every(
        (event) => event.recordedAt === OFFICIAL_DECISIONS_RECORDED_AT,
      ),
    ).toBe(true);
    await standings.react([]);
    expect(published).toHaveLength(decisions);
  });

  it('calculates the standings of the season a result touches', async () => {
    const { standings, ofType } = reactor();
    const outcome = await standings.react([
      delivered(raceResult(1, 'max_verstappen', 1, 25)),
      delivered(raceResult(1, 'perez', 2, 18)),
    ]);
    expect(outcome.failed).toEqual([]);
    const drivers = ofType('DriverStandingCalculated');
    expect(driverPoints(drivers, 1)).toEqual({ max_verstappen: 25, perez: 18 });
    // Stamped with the newest result, not the clock: a recalculation converges.
    expect(drivers.every((event) => event.recordedAt === '2025-10-16T06:12:00.000Z')).toBe(true);
    expect(ofType('ConstructorStandingCalculated')).toHaveLength(2);
  });

  it('counts the results already stored when it starts', async () => {
    const { standings, ofType } = reactor([
      raceResult(1, 'max_verstappen', 1, 25),
      raceResult(1, 'perez', 2, 18),
    ]);
    await standings.react([
      delivered(raceResult(2, 'perez', 1, 25)),
      delivered(raceResult(2, 'max_verstappen', 2, 18)),
    ]);
    expect(driverPoints(ofType('DriverStandingCalculated'), 2)).toEqual({ max_verstappen: 43, perez: 43 });
  });

  it('publishes a standing again only when it changed', async () => {
    const { standings, published } = reactor();
    const winner = raceResult(1, 'max_verstappen', 1, 25);
    await standings.react([delivered(winner)]);
    const afterFirst = published.length;
    await standings.react([delivered(winner)]);
    expect(published).toHaveLength(afterFirst);
    await standings.react([delivered(raceResult(1, 'max_verstappen', 1, 26, '2025-10-17T00:00:00.000Z'))]);
    expect(published.length).toBeGreaterThan(afterFirst);
  });

  it('ignores other events on the race subjects', async () => {
    const { standings, published } = reactor();
    const result = raceResult(1, 'max_verstappen', 1, 25);
    await standings.react([
      delivered(result, eventSubject('race', 'qualifying_result_recorded', 2023, 1, 'max_verstappen')),
    ]);
    expect(published.every(({ subject }) => parseEventSubject(subject).aggregate === 'standings')).toBe(true);
    expect(published.some(({ payload }) => (payload as AnyEvent).type === 'DriverStandingCalculated')).toBe(
      false,
    );
  });

  it('fails, for the DLQ, a result it cannot read or place in a season', async () => {
    const { standings } = reactor();
    const notJson = {
      subject: eventSubject('race', 'race_result_recorded', 2023, 1, 'x'),
      json: <T>(): T => {
        throw new SyntaxError('Unexpected token');
      },
    };
    const noSeason = delivered(
      { ...raceResult(1, 'x', 1, 25), data: {} } as unknown as AnyEvent,
      notJson.subject,
    );
    const { failed } = await standings.react([notJson, noSeason]);
    expect(failed.map(({ message }) => message)).toEqual([notJson, noSeason]);
    expect(
      failed.every(({ error }) => error instanceof PermanentError && error.reason === 'invalid_event'),
    ).toBe(true);
  });
});

describe('isResultSubject', () => {
  it('matches race and sprint results, by their subject', () => {
    expect(isResultSubject(eventSubject('race', 'race_result_recorded', 2023, 1, 'max_verstappen'))).toBe(
      true,
    );
    expect(isResultSubject(eventSubject('race', 'sprint_result_recorded', 2023, 6, 'perez'))).toBe(true);
    expect(isResultSubject(eventSubject('race', 'qualifying_result_recorded', 2023, 1, 'perez'))).toBe(false);
    expect(isResultSubject(eventSubject('standings', 'race_result_recorded', 2023, 1, 'perez'))).toBe(false);
    expect(isResultSubject(eventSubject('race', 'race_result_recorded'))).toBe(false);
    expect(isResultSubject(rawSubjects.ergast('results'))).toBe(false);
  });
});
