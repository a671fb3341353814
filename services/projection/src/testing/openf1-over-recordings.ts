import { applyMigrations } from '@slipstream/clickhouse';
import { type AnyEvent } from '@slipstream/contracts';

import { historicalReadModels } from '../historical/historical.read-models';
import { OPENF1_ENDPOINTS } from '../openf1/endpoints';
import { OpenF1Service } from '../openf1/openf1.service';
import { sessionReadModels } from '../sessions/sessions.read-models';
import { projectEvents, recordedEvents } from './recorded-sessions';
import { startTestClickHouse, type TestClickHouse } from './test-clickhouse';

export type OpenF1Row = Record<string, unknown>;

export interface Recording {
  /** A folder under data/sessions, or a capture file. */
  source: string;
  sessionKey: number;
  /** Which of the recording's events to project; all by default. */
  keep?: (event: AnyEvent) => boolean;
}

/** The OpenF1 routes over a test ClickHouse holding the read models of recorded sessions. */
export interface OpenF1OverRecordings {
  clickhouse: TestClickHouse;
  openf1: OpenF1Service;
  /** The JSON rows of `endpoint` for an OpenF1 query string such as `session_key=9873`. */
  rows(endpoint: string, query: string): Promise<OpenF1Row[]>;
  dispose(): Promise<void>;
}

export async function openf1OverRecordings(
  database: string,
  recordings: readonly Recording[],
): Promise<OpenF1OverRecordings> {
  const clickhouse = await startTestClickHouse(database);
  await applyMigrations(clickhouse.client, [
    ...historicalReadModels.migrations,
    ...sessionReadModels.migrations,
  ]);
  for (const { source, sessionKey, keep = () => true } of recordings)
    await projectEvents(clickhouse, (await recordedEvents(source, sessionKey)).filter(keep));
  const openf1 = new OpenF1Service(clickhouse);
  return {
    clickhouse,
    openf1,
    rows: async (endpoint, query) => {
      const response = await openf1.query(OPENF1_ENDPOINTS[endpoint], query);
      if (response.kind !== 'json') throw new Error(`expected JSON rows from ${endpoint}?${query}`);
      return response.rows;
    },
    dispose: () => clickhouse.dispose(),
  };
}
