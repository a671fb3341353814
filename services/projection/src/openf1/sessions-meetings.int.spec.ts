import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type OpenF1OverRecordings,
  openf1OverRecordings,
  type OpenF1Row as Row,
} from '../testing/openf1-over-recordings';

describe('sessions and meetings of the recorded sessions, filtered as OpenF1 filters (embedded ClickHouse)', () => {
  let recorded: OpenF1OverRecordings;
  const rows = (endpoint: string, query: string): Promise<Row[]> => recorded.rows(endpoint, query);

  beforeAll(async () => {
    recorded = await openf1OverRecordings(
      'sessions_meetings_spec',
      (
        [
          ['2025-miami-gp-sprint', 10028],
          ['2025-mexico-city-gp-qualifying', 9873],
          ['2025-mexico-city-gp-race-partial', 9877],
        ] as const
      ).map(([source, sessionKey]) => ({
        source,
        sessionKey,
        keep: (event: { type: string }) => event.type.startsWith('Session'),
      })),
    );
  }, 150_000);

  afterAll(async () => {
    await recorded?.dispose();
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
