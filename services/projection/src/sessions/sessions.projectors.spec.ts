import { describe, expect, it } from 'vitest';

import {
  ClassificationUpdated,
  GapChanged,
  LapCompleted,
  LapTimeDeleted,
  SessionInfoRecorded,
} from '@slipstream/contracts';

import { ProjectorRegistry } from '../core/projector-registry';
import { anEvent, columnsByTable } from './projection-fixtures';
import { sessionReadModels } from './sessions.read-models';

const registry = new ProjectorRegistry(sessionReadModels.projectors);
const tables = columnsByTable(sessionReadModels.migrations.flatMap((migration) => migration.statements));

const lap = anEvent(LapCompleted, {
  sessionKey: 10028,
  driverNumber: 44,
  lapNumber: 13,
  lapTimeMs: 96_368,
  sector1Ms: 30_100,
  sector2Ms: 40_200,
  sector3Ms: 26_068,
  speedI1Kph: 250,
  speedI2Kph: 180,
  speedFinishLineKph: 270,
  speedTrapKph: 310,
  isPitOutLap: false,
  isPitInLap: false,
  isPersonalBest: true,
  isOverallBest: true,
  sessionPart: null,
  startedAt: '2025-05-03T16:30:00.000Z',
  sessionTimeMs: 1_900_000,
});

describe('session projectors', () => {
  it('turns a completed lap into one session_laps row keyed by session, car and lap', () => {
    expect(registry.project(lap)).toEqual([
      {
        table: 'session_laps',
        row: expect.objectContaining({
          session_key: 10028,
          driver_number: 44,
          lap_number: 13,
          lap_time_ms: 96_368,
          is_personal_best: true,
          date_start: '2025-05-03T16:30:00.000Z',
          date_end: '2025-05-03T16:05:00.250Z',
          _version: Date.parse('2025-05-03T16:05:00.300Z'),
        }),
      },
    ]);
  });

  it('keeps a deleted lap time as its own fact, beside the lap', () => {
    const deleted = anEvent(LapTimeDeleted, {
      sessionKey: 9873,
      driverNumber: 16,
      lapNumber: 7,
      lapTimeMs: 76_000,
      raceControlMessageIndex: 12,
      reason: 'TRACK LIMITS AT TURN 1',
    });
    expect(
      registry.project(deleted).map(({ table, row }) => [table, row.race_control_message_index]),
    ).toEqual([['session_lap_deletions', 12]]);
  });

  it('writes one classification row per driver, under the phase the feed is in', () => {
    const entry = {
      driverNumber: 4,
      lapsCompleted: 18,
      bestLapTimeMs: 100_334,
      bestLapNumber: 4,
      bestLapTimesByPartMs: [],
      gapToLeader: '',
      intervalToPositionAhead: '',
      numberOfPitStops: 1,
      status: 'running' as const,
    };
    const event = anEvent(ClassificationUpdated, {
      sessionKey: 10028,
      phase: 'finalised',
      sessionPart: null,
      entries: [
        { ...entry, position: 1 },
        { ...entry, driverNumber: 81, position: 2 },
      ],
    });
    const rows = registry.project(event);
    expect(rows.map(({ row }) => [row.phase, row.driver_number, row.position])).toEqual([
      ['finalised', 4, 1],
      ['finalised', 81, 2],
    ]);
  });

  it('keeps gaps as shown and as numbers, keyed by the event id so equal instants do not collapse', () => {
    const gap = anEvent(GapChanged, {
      sessionKey: 10028,
      driverNumber: 1,
      sessionPart: null,
      gapToLeader: { text: '1L', ms: null, laps: 1 },
      intervalToPositionAhead: { text: '+0.672', ms: 672, laps: null },
    });
    expect(registry.project(gap)[0].row).toMatchObject({
      event_id: gap.id,
      gap_to_leader_laps: 1,
      interval_ms: 672,
    });
  });

  it('fills every column of the table it writes, and no other', () => {
    const info = anEvent(SessionInfoRecorded, {
      sessionKey: 10028,
      meetingKey: 1259,
      meetingName: 'Miami Grand Prix',
      meetingOfficialName: null,
      location: 'Miami',
      countryCode: 'USA',
      countryName: 'United States',
      circuitKey: 151,
      circuitShortName: 'Miami',
      sessionType: 'Race',
      sessionName: 'Sprint',
      scheduledStartUtc: '2025-05-03T16:00:00.000Z',
      scheduledEndUtc: '2025-05-03T17:00:00.000Z',
      gmtOffset: '-04:00:00',
      archivePath: null,
    });
    for (const event of [info, lap]) {
      for (const { table, row } of registry.project(event)) {
        expect(Object.keys(row).sort(), table).toEqual([...(tables.get(table) ?? [])].sort());
      }
    }
  });
});
