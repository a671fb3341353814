import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { applyMigrations } from '@slipstream/clickhouse';

import { historicalReadModels } from '../historical/historical.read-models';
import { sessionReadModels } from '../sessions/sessions.read-models';
import { projectEvents, recordedEvents } from '../testing/recorded-sessions';
import { startTestClickHouse, type TestClickHouse } from '../testing/test-clickhouse';
import { OPENF1_ENDPOINTS } from './endpoints';
import { OpenF1Service } from './openf1.service';

type Row = Record<string, unknown>;

describe('sessions and meetings of the recorded sessions, filtered as OpenF1 filters (embedded ClickHouse)', () => {
  let clickhouse: TestClickHouse;
  let openf1: OpenF1Service;
  const rows = async (endpoint: string, query: string): Promise<Row[]> => {
    const response = await openf1.query(OPENF1_ENDPOINTS[endpoint], query);
    if (response.kind !== 'json') throw new Error('expected JSON');
    return response.rows;
  };

  beforeAll(async () => {
    clickhouse = await startTestClickHouse('sessions_meetings_spec');
    await applyMigrations(clickhouse.client, [
      ...historicalReadModels.migrations,
      ...sessionReadModels.migrations,
    ]);
    for (const [folder, key] of [
      ['2025-miami-gp-sprint', 10028],
      ['2025-mexico-city-gp-qualifying', 9873],
      ['2025-mexico-city-gp-race-partial', 9877],
    ] as const) {
      const events = await recordedEvents(folder, key);
      await projectEvents(
        clickhouse,
        events.filter((event) => event.type.startsWith('Session')),
      );
    }
    openf1 = new OpenF1Service(clickhouse);
  }, 150_000);

  afterAll(async () => {
    await clickhouse?.dispose();
  });

  it('fills country_key from SessionInfo and is_cancelled false for sessions that ran', async () => {
    expect((await rows('sessions', '')).map((s) => [s.session_key, s.country_key, s.is_cancelled])).toEqual([
      [10028, 19, false],
      [9873, 8, false],
      [9877, 8, false],
    ]);
  });

  it('gives a meeting the end of its last session', async () => {
    expect(await rows('meetings', 'meeting_key=1272')).toEqual([
      expect.objectContaining({
        country_key: 8,
        date_start: '2025-10-25T21:00:00.000000+00:00',
        date_end: '2025-10-26T22:00:00.000000+00:00',
        is_cancelled: false,
      }),
    ]);
  });

  it('reads a date alone as its whole day and attribute names in any case', async () => {
    const keys = async (query: string) => (await rows('sessions', query)).map((s) => s.session_key);
    expect(await keys('date_start=2025-10-26')).toEqual([9877]);
    expect(await keys('Date_Start<=2025-10-25')).toEqual([10028, 9873]);
    expect(await keys('date_start>2025-10-25')).toEqual([9877]);
    expect(await keys('DATE_END<2025-10-26&Country_Key=8')).toEqual([9873]);
  });
});
