import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { applyMigrations } from '@slipstream/clickhouse';
import { readArchiveSession, SessionState } from '@slipstream/livetiming';

import { historicalReadModels } from '../historical/historical.read-models';
import { sessionReadModels } from '../sessions/sessions.read-models';
import { projectEvents, recordedEvents, SESSIONS_DIR } from '../testing/recorded-sessions';
import { startTestClickHouse, type TestClickHouse } from '../testing/test-clickhouse';
import { OPENF1_ENDPOINTS } from './endpoints';
import { OpenF1Service } from './openf1.service';

type Capture = { Utc: string; RacingNumber: string; Path: string };

/** The TeamRadio topic's own list at the end of a recording, read with nothing but the patch merge. */
async function feedCaptures(folder: string): Promise<Capture[]> {
  const state = new SessionState();
  for await (const message of readArchiveSession(`${SESSIONS_DIR}/${folder}`, { topics: ['TeamRadio'] }))
    state.apply(message.topic, message.payload);
  const captures = (state.get('TeamRadio')?.Captures ?? {}) as Record<string, Capture>;
  return Object.values(captures);
}

describe('team_radio from the recorded TeamRadio topic (embedded ClickHouse)', () => {
  let clickhouse: TestClickHouse;
  let openf1: OpenF1Service;
  const rows = async (query: string) => {
    const response = await openf1.query(OPENF1_ENDPOINTS.team_radio, query);
    if (response.kind !== 'json') throw new Error('expected JSON');
    return response.rows;
  };

  beforeAll(async () => {
    clickhouse = await startTestClickHouse('team_radio_spec');
    await applyMigrations(clickhouse.client, [
      ...historicalReadModels.migrations,
      ...sessionReadModels.migrations,
    ]);
    const events = await recordedEvents('2025-mexico-city-gp-qualifying', 9873);
    await projectEvents(
      clickhouse,
      events.filter((event) => !event.type.startsWith('Lap')),
    );
    await projectEvents(clickhouse, await recordedEvents('2025-mexico-city-gp-race-partial', 9877));
    openf1 = new OpenF1Service(clickhouse);
  }, 150_000);

  afterAll(async () => {
    await clickhouse?.dispose();
  });

  it.each([
    ['2025-mexico-city-gp-qualifying', 9873, '2025/2025-10-26_Mexico_City_Grand_Prix/2025-10-25_Qualifying/'],
    ['2025-mexico-city-gp-race-partial', 9877, '2025/2025-10-26_Mexico_City_Grand_Prix/2025-10-26_Race/'],
  ])(
    'serves every clip of %s with its time, car and absolute recording URL',
    async (folder, sessionKey, path) => {
      const captures = await feedCaptures(folder);
      expect(captures.length).toBeGreaterThan(0);
      const served = await rows(`session_key=${sessionKey}`);
      expect(served).toHaveLength(captures.length);
      const expected = captures
        .map((capture) => ({
          date: `${new Date(capture.Utc).toISOString().slice(0, 23)}000+00:00`,
          driver_number: Number(capture.RacingNumber),
          meeting_key: 1272,
          recording_url: `https://livetiming.formula1.com/static/${path}${capture.Path}`,
          session_key: sessionKey,
        }))
        .sort((a, b) => a.date.localeCompare(b.date) || a.driver_number - b.driver_number);
      expect(served).toEqual(expected);
    },
  );

  it('filters clips like any other endpoint', async () => {
    expect(await rows('session_key=9873&driver_number=23')).toEqual([
      expect.objectContaining({
        date: '2025-10-25T20:59:10.493000+00:00',
        recording_url:
          'https://livetiming.formula1.com/static/2025/2025-10-26_Mexico_City_Grand_Prix/2025-10-25_Qualifying/TeamRadio/ALEALB01_23_20251025_155858.mp3',
      }),
      expect.objectContaining({ date: '2025-10-25T21:20:42.027000+00:00' }),
    ]);
  });
});
