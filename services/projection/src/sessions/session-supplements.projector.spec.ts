import { describe, expect, it } from 'vitest';

import { ChampionshipStandingPredicted, GridPositionPublished, PitStopTimed } from '@slipstream/contracts';

import { ProjectorRegistry } from '../core/projector-registry';
import { anEvent, columnsByTable } from './projection-fixtures';
import { sessionSupplementMigrations } from './session-supplements.migrations';
import { sessionSupplementsProjector } from './session-supplements.projector';

const registry = new ProjectorRegistry([sessionSupplementsProjector]);
const tables = columnsByTable(sessionSupplementMigrations.flatMap((migration) => migration.statements));

const grid = anEvent(GridPositionPublished, { sessionKey: 9877, driverNumber: 4, position: 1 });
const stop = anEvent(PitStopTimed, {
  sessionKey: 9877,
  driverNumber: 16,
  lapNumber: 37,
  timedAt: '2025-10-26T20:47:00.100Z',
  stopDurationMs: 3100,
  laneDurationMs: 23000,
});
const driver = anEvent(ChampionshipStandingPredicted, {
  sessionKey: 9877,
  championship: 'drivers',
  driverNumber: 81,
  teamName: null,
  positionStart: 1,
  positionCurrent: 3,
  pointsStart: 356,
  pointsCurrent: 364,
});
const team = anEvent(ChampionshipStandingPredicted, {
  sessionKey: 9877,
  championship: 'teams',
  driverNumber: null,
  teamName: 'McLaren',
  positionStart: 1,
  positionCurrent: 1,
  pointsStart: 713,
  pointsCurrent: 748,
});

describe('the grid, pit stop times and championship prediction projector', () => {
  it('keys a grid place by car, a timed stop by car and lap, an entrant by championship and car or team', () => {
    expect(registry.project(grid)).toEqual([
      {
        table: 'session_grid',
        row: expect.objectContaining({ session_key: 9877, driver_number: 4, position: 1 }),
      },
    ]);
    expect(registry.project(stop)).toEqual([
      {
        table: 'session_pit_stop_times',
        row: expect.objectContaining({
          driver_number: 16,
          lap_number: 37,
          stop_duration_ms: 3100,
          lane_duration_ms: 23000,
        }),
      },
    ]);
    expect(registry.project(driver)[0].row).toMatchObject({
      championship: 'drivers',
      driver_number: 81,
      team_name: '',
    });
    expect(registry.project(team)[0].row).toMatchObject({
      championship: 'teams',
      driver_number: 0,
      team_name: 'McLaren',
    });
  });

  it('fills every column of the table it writes, and no other', () => {
    for (const event of [grid, stop, driver, team]) {
      for (const { table, row } of registry.project(event)) {
        expect(Object.keys(row).sort(), table).toEqual([...(tables.get(table) ?? [])].sort());
      }
    }
  });
});
