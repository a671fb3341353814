import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { applyMigrations } from '@slipstream/clickhouse';
import { readArchiveSession } from '@slipstream/livetiming';

import { historicalReadModels } from '../historical/historical.read-models';
import { sessionReadModels } from '../sessions/sessions.read-models';
import { projectEvents, recordedEvents, SESSIONS_DIR } from '../testing/recorded-sessions';
import { startTestClickHouse, type TestClickHouse } from '../testing/test-clickhouse';
import { OPENF1_ENDPOINTS } from './endpoints';
import { OpenF1Service } from './openf1.service';

/** The statuses the feed colours mini-sectors with (0: none shown). */
const STATUSES = new Set([0, 2048, 2049, 2050, 2051, 2052, 2064, 2068]);

/** How many mini-sectors each sector has, read from the feed's whole lists in TimingData. */
async function segmentCounts(folder: string): Promise<number[]> {
  const counts = [0, 0, 0];
  for await (const message of readArchiveSession(`${SESSIONS_DIR}/${folder}`, { topics: ['TimingData'] })) {
    const lines = (message.payload as { Lines?: Record<string, { Sectors?: unknown }> }).Lines ?? {};
    for (const line of Object.values(lines)) {
      const sectors = line?.Sectors;
      if (!sectors || typeof sectors !== 'object') continue;
      for (const [index, sector] of Object.entries(sectors)) {
        const segments = (sector as { Segments?: unknown } | null)?.Segments;
        if (Array.isArray(segments)) counts[Number(index)] = Math.max(counts[Number(index)], segments.length);
      }
    }
  }
  return counts;
}

describe('laps.segments_sector_1..3 from TimingData Segments (embedded ClickHouse)', () => {
  let clickhouse: TestClickHouse;
  let openf1: OpenF1Service;

  beforeAll(async () => {
    clickhouse = await startTestClickHouse('lap_segments_spec');
    await applyMigrations(clickhouse.client, [
      ...historicalReadModels.migrations,
      ...sessionReadModels.migrations,
    ]);
    await projectEvents(clickhouse, await recordedEvents('2025-miami-gp-sprint', 10028));
    openf1 = new OpenF1Service(clickhouse);
  }, 150_000);

  afterAll(async () => {
    await clickhouse?.dispose();
  });

  it('serves each lap of the Miami sprint with one status per mini-sector of each sector, as arrays', async () => {
    const counts = await segmentCounts('2025-miami-gp-sprint');
    expect(counts.every((count) => count > 0)).toBe(true);
    const response = await openf1.query(OPENF1_ENDPOINTS.laps, 'session_key=10028');
    if (response.kind !== 'json') throw new Error('expected JSON');
    const laps = response.rows;
    expect(laps.length).toBeGreaterThan(300);
    for (const lap of laps) {
      const sectors = [lap.segments_sector_1, lap.segments_sector_2, lap.segments_sector_3] as number[][];
      sectors.forEach((segments, index) => {
        expect(segments, `car ${String(lap.driver_number)} lap ${String(lap.lap_number)}`).toHaveLength(
          counts[index],
        );
        for (const status of segments) expect(STATUSES.has(status), `status ${status}`).toBe(true);
      });
    }
    // A timed racing lap was seen mini-sector by mini-sector: its first two sectors have no gaps.
    const racing = laps.filter(
      (lap) =>
        typeof lap.lap_duration === 'number' &&
        lap.lap_duration < 110 &&
        !lap.is_pit_out_lap &&
        !lap.is_pit_in_lap,
    );
    expect(racing.length).toBeGreaterThan(100);
    const complete = racing.filter((lap) =>
      [lap.segments_sector_1, lap.segments_sector_2].every((segments) => !(segments as number[]).includes(0)),
    );
    expect(complete.length / racing.length).toBeGreaterThan(0.9);
    // The fastest lap of the sprint has purple (2051) mini-sectors.
    const fastest = racing.reduce((best, lap) =>
      (lap.lap_duration as number) < (best.lap_duration as number) ? lap : best,
    );
    const all = [
      fastest.segments_sector_1,
      fastest.segments_sector_2,
      fastest.segments_sector_3,
    ].flat() as number[];
    expect(all).toContain(2051);
  });

  it('writes the arrays as JSON in CSV and refuses them as filters', async () => {
    const csv = await openf1.query(
      OPENF1_ENDPOINTS.laps,
      'session_key=10028&driver_number=4&lap_number=10&csv=true',
    );
    expect(csv.kind === 'csv' && csv.text.split('\r\n')[1]).toMatch(/"\[20\d\d(,\d+)*\]"/);
    await expect(openf1.query(OPENF1_ENDPOINTS.laps, 'segments_sector_1=2049')).rejects.toThrow(
      'holds an array: not filterable',
    );
  });
});
