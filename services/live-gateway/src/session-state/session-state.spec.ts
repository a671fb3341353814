import { describe, expect, it } from 'vitest';

import { type SessionEvent } from '@slipstream/contracts';

import { topicOfEvent } from '../feed/topics';
import { sessionEvents } from '../testing/session-events';
import { applyEvent, applyTelemetry, RACE_CONTROL_KEPT } from './apply-event';
import { emptySession, type LiveSession } from './live-session';
import { colourSectors } from './sector-colours';
import { snapshotOf } from './session-snapshot';

const events = sessionEvents(9873);
const given = (...history: SessionEvent[]): LiveSession => {
  const session = emptySession(9873);
  for (const event of history) applyEvent(session, event);
  return session;
};

describe('sector colours', () => {
  it('is purple for a session best, green for a personal best, yellow otherwise, and records the bests', () => {
    const overall = [25_000, 26_000, null];
    const personal = [25_100, 26_500, null];
    expect(colourSectors([24_900, 26_200, 27_000], personal, overall)).toEqual([
      'overall',
      'personal',
      'overall',
    ]);
    expect(overall).toEqual([24_900, 26_000, 27_000]);
    expect(personal).toEqual([24_900, 26_200, 27_000]);
    expect(colourSectors([25_000, null, 27_000], personal, overall)).toEqual(['none', null, 'overall']);
  });
});

describe('session state', () => {
  it('given laps, positions and gaps, then a leaderboard in position order with coloured sectors', () => {
    const session = given(
      events.driver(1, 'VER'),
      events.driver(44, 'HAM'),
      events.lap(44, 2, [25_000, 26_000, 27_000]),
      events.lap(1, 2, [24_900, 26_100, 27_000]),
      events.position(1, 1),
      events.position(44, 2),
      events.gap(44, '+0.200', '+0.200'),
    );
    const { timing } = snapshotOf(session, new Set(['timing']), null);
    expect(timing?.rows.map((row) => [row.driverNumber, row.position, row.gapToLeader])).toEqual([
      [1, 1, null],
      [44, 2, '+0.200'],
    ]);
    expect(timing?.rows[0].lastLap?.sectorStatus).toEqual(['overall', 'personal', 'overall']);
    expect(timing?.overallBestSectorsMs).toEqual([24_900, 26_000, 27_000]);
  });

  it('given a classification, then positions, best laps and pit counts follow it', () => {
    const session = given(events.lap(44, 2, [25_000, 26_000, 27_000]), events.classification([44, 1]));
    const rows = snapshotOf(session, new Set(['timing']), null).timing!.rows;
    expect(rows.map((row) => [row.driverNumber, row.position, row.bestLapTimeMs])).toEqual([
      [44, 1, 77_000],
      [1, 2, 77_100],
    ]);
  });

  it('given an anonymous live ingest, then the session part of every snapshot names the unavailable topics', () => {
    const session = given(events.info(), events.topicAccess(['CarData.z', 'Position.z']));
    expect(snapshotOf(session, new Set(['session']), null).session.unavailableTopics).toEqual([
      { topic: 'CarData.z', reason: 'no_token' },
      { topic: 'Position.z', reason: 'no_token' },
    ]);
    expect(snapshotOf(emptySession(9873), new Set(['session']), null).session.unavailableTopics).toEqual([]);
    // Its deltas go to every subscriber: `session` is always included.
    expect(topicOfEvent('LiveTopicAccessRecorded')).toBe('session');
  });

  it('given a later connection with a token, then the unavailable topics are cleared', () => {
    const session = given(events.topicAccess(['CarData.z'], 1), events.topicAccess([], 2));
    expect(snapshotOf(session, new Set(['timing']), null).session.unavailableTopics).toEqual([]);
  });

  it('given a deleted lap, then the last lap is marked deleted', () => {
    const session = given(events.lap(44, 2, [25_000, 26_000, 27_000]));
    applyEvent(session, {
      ...events.lap(44, 2, [1, 1, 1]),
      type: 'LapTimeDeleted',
      data: {
        sessionKey: 9873,
        driverNumber: 44,
        lapNumber: 2,
        lapTimeMs: 78_000,
        raceControlMessageIndex: 3,
        reason: 'TRACK LIMITS',
      },
    } as SessionEvent);
    expect(session.timing.get(44)?.lastLap?.deleted).toBe(true);
  });

  it('keeps the latest race control messages, stints in order, the last sample per car', () => {
    const session = given(
      ...Array.from({ length: RACE_CONTROL_KEPT + 5 }, (_, index) =>
        events.raceControl(index, `message ${index}`),
      ),
      events.stint(1, 2, 'MEDIUM'),
      events.stint(1, 1, 'SOFT'),
    );
    applyTelemetry(session, 'positions', {
      sessionKey: 9873,
      driverNumber: 1,
      samples: [
        { utcMs: 1, x: 1, y: 1, z: 0, status: 'OnTrack' },
        { utcMs: 2, x: 2, y: 2, z: 0, status: 'OnTrack' },
      ],
    });
    const snapshot = snapshotOf(session, new Set(['race_control', 'stints', 'positions']), null);
    expect(snapshot.race_control).toHaveLength(RACE_CONTROL_KEPT);
    expect(snapshot.race_control?.at(-1)?.message).toBe(`message ${RACE_CONTROL_KEPT + 4}`);
    expect(snapshot.stints?.[0].stints.map((stint) => stint.compound)).toEqual(['SOFT', 'MEDIUM']);
    expect(snapshot.positions).toEqual([{ driverNumber: 1, utcMs: 2, x: 2, y: 2, z: 0, status: 'OnTrack' }]);
    expect(snapshot.timing).toBeUndefined();
  });

  it('applies a driver filter to per-car parts only', () => {
    const session = given(
      events.driver(1, 'VER'),
      events.driver(44, 'HAM'),
      events.position(1, 1),
      events.position(44, 2),
    );
    const snapshot = snapshotOf(session, new Set(['timing']), new Set([44]));
    expect(snapshot.session.drivers).toHaveLength(2);
    expect(snapshot.timing?.rows.map((row) => row.driverNumber)).toEqual([44]);
  });
});
