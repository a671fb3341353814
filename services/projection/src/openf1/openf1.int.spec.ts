import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { applyMigrations, type ClickHouseHandle, createClickHouse, insertRows } from '@slipstream/clickhouse';
import { type AnyEvent } from '@slipstream/contracts';
import { createTempDir, type TempDir } from '@slipstream/testing';

import { ProjectorRegistry } from '../core/projector-registry';
import { historicalReadModels } from '../historical/historical.read-models';
import { sessionReadModels } from '../sessions/sessions.read-models';
import { OPENF1_ENDPOINTS } from './endpoints';
import { OpenF1Service } from './openf1.service';
import { OFFICIAL_EVENTS, SPRINT_EVENTS } from './openf1-fixture-events';

const registry = new ProjectorRegistry([...sessionReadModels.projectors, ...historicalReadModels.projectors]);

async function project(clickhouse: ClickHouseHandle, events: AnyEvent[]): Promise<void> {
  const byTable = new Map<string, Array<Record<string, unknown>>>();
  for (const { table, row } of events.flatMap((event) => registry.project(event)))
    byTable.set(table, [...(byTable.get(table) ?? []), row]);
  for (const [table, rows] of byTable) await insertRows(clickhouse.client, table, rows);
}

describe('OpenF1 endpoints over the session read models (embedded ClickHouse)', () => {
  let dir: TempDir;
  let clickhouse: ClickHouseHandle;
  let openf1: OpenF1Service;
  const rows = async (endpoint: string, query = '') => {
    const response = await openf1.query(OPENF1_ENDPOINTS[endpoint], query);
    if (response.kind !== 'json') throw new Error('expected JSON');
    return response.rows;
  };

  beforeAll(async () => {
    dir = createTempDir('slipstream-openf1-');
    clickhouse = await createClickHouse({ database: 'openf1_spec', chdbPath: dir.path });
    await applyMigrations(clickhouse.client, [
      ...historicalReadModels.migrations,
      ...sessionReadModels.migrations,
    ]);
    await project(clickhouse, SPRINT_EVENTS);
    openf1 = new OpenF1Service(clickhouse);
  });

  afterAll(async () => {
    await clickhouse?.close();
    dir?.remove();
  });

  it('answers every endpoint with exactly its OpenF1 attributes', async () => {
    for (const endpoint of Object.values(OPENF1_ENDPOINTS)) {
      // Heavy routes insist on one session (and car): issue 18.3.
      const required = (endpoint.requiredFilters ?? []).map(
        (name) => `${name}=${name === 'session_key' ? 10028 : 4}`,
      );
      for (const row of await rows(endpoint.name, required.join('&')))
        expect(Object.keys(row), endpoint.name).toEqual(Object.keys(endpoint.attributes));
    }
    expect(await rows('sessions')).toEqual([
      expect.objectContaining({
        session_key: 10028,
        meeting_key: 1259,
        date_start: '2025-05-03T16:00:00.000000+00:00',
        year: 2025,
      }),
    ]);
  });

  it('serves laps in seconds with the meeting key, and marks a lap race control deleted', async () => {
    expect(await rows('laps', 'driver_number=23&lap_number=2')).toEqual([
      expect.objectContaining({ meeting_key: 1259, lap_duration: 95, st_speed: 302, is_deleted: true }),
    ]);
    expect((await rows('laps', 'lap_duration<=99.001')).map((lap) => lap.driver_number)).toEqual([4, 23]);
  });

  it('ends a stint the lap before the next one, and the last one at the last lap', async () => {
    expect(
      (await rows('stints')).map(({ stint_number, lap_start, lap_end }) => [
        stint_number,
        lap_start,
        lap_end,
      ]),
    ).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
  });

  it('writes gaps as seconds, or as laps when lapped', async () => {
    expect(await rows('intervals', 'session_key=10028')).toEqual([
      expect.objectContaining({ gap_to_leader: '+1 LAP', interval: 0.672 }),
    ]);
    expect(await rows('pit')).toEqual([expect.objectContaining({ pit_duration: 23.456, lap_number: 1 })]);
  });

  it('shows the provisional result until the official one arrives, then the official order and who moved', async () => {
    const provisional = await rows('session_result', 'session_key=10028');
    expect(provisional.map((r) => [r.driver_number, r.position, r.result_status, r.gap_to_leader])).toEqual([
      [4, 1, 'provisional', null],
      [23, 2, 'provisional', 1.234],
      [81, 3, 'provisional', '+1 LAP'],
    ]);
    expect((await rows('starting_grid')).map((r) => [r.position, r.driver_number])).toEqual([
      [1, 4],
      [2, 23],
      [3, 81],
    ]);

    await project(clickhouse, OFFICIAL_EVENTS);
    const official = await rows('session_result', 'session_key=10028');
    expect(
      official.map((r) => [
        r.driver_number,
        r.position,
        r.provisional_position,
        r.places_gained,
        r.result_status,
      ]),
    ).toEqual([
      [4, 1, 1, 0, 'official'],
      [81, 2, 3, 1, 'official'],
      [23, 3, 2, -1, 'official'],
    ]);
    expect(official[1]).toMatchObject({
      duration: 2198.319,
      gap_to_leader: 0.672,
      points: 7,
      number_of_laps: 2,
    });
    expect((await rows('session_result', 'places_gained<0')).map((r) => r.driver_number)).toEqual([23]);
  });

  it('writes CSV with a header of the attributes', async () => {
    const response = await openf1.query(OPENF1_ENDPOINTS.position, 'session_key=10028&csv=true');
    expect(response.kind === 'csv' && response.text.split('\r\n').slice(0, 2)).toEqual([
      'date,driver_number,meeting_key,position,session_key',
      '2025-05-03T16:00:01.000000+00:00,4,1259,1,10028',
    ]);
  });
});
