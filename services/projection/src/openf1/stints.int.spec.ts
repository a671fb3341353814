import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { applyMigrations } from '@slipstream/clickhouse';
import { readArchiveSession, SessionState } from '@slipstream/livetiming';

import { historicalReadModels } from '../historical/historical.read-models';
import { sessionReadModels } from '../sessions/sessions.read-models';
import { projectEvents, recordedEvents, SESSIONS_DIR } from '../testing/recorded-sessions';
import { startTestClickHouse, type TestClickHouse } from '../testing/test-clickhouse';
import { OPENF1_ENDPOINTS } from './endpoints';
import { OpenF1Service } from './openf1.service';

type Row = Record<string, unknown>;

const BRAZIL_SPRINT = join(__dirname, '../../../../data/captures/2025-brazil-sprint.txt.gz');

/** What TimingAppData itself says at the end of a recording: per car, per stint, StartLaps and TotalLaps. */
async function feedStints(
  folder: string,
): Promise<Map<number, Array<{ startLaps: number; totalLaps: number }>>> {
  const state = new SessionState();
  for await (const message of readArchiveSession(`${SESSIONS_DIR}/${folder}`, { topics: ['TimingAppData'] }))
    state.apply(message.topic, message.payload);
  const lines = (state.get('TimingAppData')?.Lines ?? {}) as Record<string, { Stints?: Record<string, Row> }>;
  const stints = new Map<number, Array<{ startLaps: number; totalLaps: number }>>();
  for (const [car, line] of Object.entries(lines)) {
    const list = Object.entries(line.Stints ?? {})
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, stint]) => ({ startLaps: Number(stint.StartLaps), totalLaps: Number(stint.TotalLaps) }));
    if (list.length > 0) stints.set(Number(car), list);
  }
  return stints;
}

function byDriver(rows: Row[]): Map<number, Row[]> {
  const drivers = new Map<number, Row[]>();
  for (const row of rows)
    drivers.set(row.driver_number as number, [...(drivers.get(row.driver_number as number) ?? []), row]);
  return drivers;
}

/** OpenF1's rules: from lap 1, contiguous, each stint at least its first lap. */
function expectContiguous(stints: Row[], car: number): void {
  expect(stints[0].lap_start, `car ${car} first stint`).toBe(1);
  stints.forEach((stint, index) => {
    expect(stint.stint_number, `car ${car}`).toBe(index + 1);
    expect(stint.lap_end as number, `car ${car} stint ${index + 1}`).toBeGreaterThanOrEqual(
      stint.lap_start as number,
    );
    if (index > 0)
      expect(stint.lap_start, `car ${car} stint ${index + 1}`).toBe(
        (stints[index - 1].lap_end as number) + 1,
      );
  });
}

describe('stints of recorded races, as OpenF1 means them (embedded ClickHouse)', () => {
  let clickhouse: TestClickHouse;
  let openf1: OpenF1Service;
  const rows = async (endpoint: string, query: string) => {
    const response = await openf1.query(OPENF1_ENDPOINTS[endpoint], query);
    if (response.kind !== 'json') throw new Error('expected JSON');
    return response.rows;
  };

  beforeAll(async () => {
    clickhouse = await startTestClickHouse('stints_spec');
    await applyMigrations(clickhouse.client, [
      ...historicalReadModels.migrations,
      ...sessionReadModels.migrations,
    ]);
    await projectEvents(clickhouse, await recordedEvents('2025-miami-gp-sprint', 10028));
    await projectEvents(clickhouse, await recordedEvents('2025-mexico-city-gp-race-partial', 9877));
    await projectEvents(clickhouse, await recordedEvents(BRAZIL_SPRINT, 9864));
    openf1 = new OpenF1Service(clickhouse);
  }, 150_000);

  afterAll(async () => {
    await clickhouse?.dispose();
  });

  /** Every car: contiguous from lap 1, each stint ending on a lap the car pitted, the last at the laps it drove. */
  async function expectStintRulesWithTimingData(sessionKey: number): Promise<Map<number, Row[]>> {
    const stints = byDriver(await rows('stints', `session_key=${sessionKey}`));
    const pits = byDriver(await rows('pit', `session_key=${sessionKey}`));
    const results = new Map(
      (await rows('session_result', `session_key=${sessionKey}`)).map((r) => [r.driver_number, r]),
    );
    expect(stints.size).toBeGreaterThanOrEqual(19);
    for (const [car, list] of stints) {
      expectContiguous(list, car);
      const pitLaps = (pits.get(car) ?? []).map((pit) => pit.lap_number);
      for (const stint of list.slice(0, -1)) expect(pitLaps, `car ${car}`).toContain(stint.lap_end);
      // A car that stopped on its out-lap (Alonso, car 14, crashed on lap 14) drove that lap on the set.
      const last = list.at(-1) as Row;
      const completed = results.get(car)?.number_of_laps as number;
      expect(last.lap_end, `car ${car} last stint`).toBe(Math.max(completed, last.lap_start as number));
    }
    return stints;
  }

  it('Miami sprint (TimingData): contiguous from lap 1, each stint ending on the lap the car pitted, the last at its laps', async () => {
    const stints = await expectStintRulesWithTimingData(10028);
    const feed = await feedStints('2025-miami-gp-sprint');
    expect([...stints.keys()].sort((a, b) => a - b)).toEqual([...feed.keys()].sort((a, b) => a - b));
    for (const [car, list] of stints)
      expect(list.map((stint) => stint.tyre_age_at_start)).toEqual(
        feed.get(car)?.map((stint) => stint.startLaps),
      );
    // Verstappen: intermediates from the start to his stop at the end of lap 12, then used softs to the flag.
    expect(
      stints.get(1)?.map((s) => [s.stint_number, s.compound, s.lap_start, s.lap_end, s.tyre_age_at_start]),
    ).toEqual([
      [1, 'INTERMEDIATE', 1, 12, 0],
      [2, 'SOFT', 13, 18, 3],
    ]);
    // Antonelli stopped twice; the feed rewrote his second stint laps later, which moves no lap.
    expect(stints.get(12)?.map((s) => [s.compound, s.lap_start, s.lap_end])).toEqual([
      ['INTERMEDIATE', 1, 12],
      ['INTERMEDIATE', 13, 13],
      ['MEDIUM', 14, 18],
    ]);
  });

  it('São Paulo sprint (live capture): the same rules, with tyres changed under the red flag on lap 7', async () => {
    const stints = await expectStintRulesWithTimingData(9864);
    expect(stints.get(27)?.map((s) => [s.lap_start, s.lap_end])).toEqual([
      [1, 6],
      [7, 7],
      [8, 24],
    ]);
  });

  it('Mexico City race (no TimingData): contiguous, each stint as long as TimingAppData counted, the winners at 71 laps', async () => {
    const stints = byDriver(await rows('stints', 'session_key=9877'));
    const feed = await feedStints('2025-mexico-city-gp-race-partial');
    expect(stints.size).toBe(20);
    for (const [car, list] of stints) {
      expectContiguous(list, car);
      const counted = feed.get(car) ?? [];
      expect(
        list.map((stint) => (stint.lap_end as number) - (stint.lap_start as number) + 1),
        `car ${car}`,
      ).toEqual(counted.map((stint) => stint.totalLaps - stint.startLaps));
      expect(list.map((stint) => stint.tyre_age_at_start)).toEqual(counted.map((stint) => stint.startLaps));
    }
    // LapCount's last CurrentLap is 71; the podium and most of the field ran all of them.
    const finishers = [...stints].filter(([, list]) => list.at(-1)?.lap_end === 71).map(([car]) => car);
    expect(finishers.sort((a, b) => a - b)).toEqual([1, 4, 5, 12, 16, 22, 31, 44, 63, 81, 87]);
    expect(stints.get(44)?.map((s) => [s.compound, s.lap_start, s.lap_end])).toEqual([
      ['SOFT', 1, 23],
      ['MEDIUM', 24, 47],
      ['SOFT', 48, 71],
    ]);
  });
});
