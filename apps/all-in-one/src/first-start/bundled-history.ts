/**
 * What the first `npm start` puts into the read models so the analytics pages have something to
 * show: the bundled Ergast CSV seasons and the bundled race-type session. The demo's autostarted
 * replay (the Mexico City qualifying, with car telemetry) is not repeated here.
 */
export const BUNDLED_HISTORY = {
  csvDirectory: 'data/history/ergast-csv-2020-2025',
  seasons: [2020, 2025],
  session: { folder: 'data/sessions/2025-miami-gp-sprint', sessionKey: 10028 },
} as const;

/** The marker in SLIPSTREAM_HOME: once it exists, later starts skip the import. */
export const FIRST_START_MARKER = 'bundled-history-imported.json';

export interface ReadModelProgress {
  /** Seasons of the bundled set whose standings the query API already answers. */
  seasonsReady: number[];
  /** Laps of the bundled session the OpenF1-style API already answers. */
  sessionLaps: number;
  /** The session's classification is there and official (its result came from the CSV set). */
  sessionOfficial: boolean;
}

/** Reads, over the public query APIs, how much of the bundled data the read models hold. */
export async function readModelProgress(baseUrl: string): Promise<ReadModelProgress> {
  const seasonsReady: number[] = [];
  for (const season of BUNDLED_HISTORY.seasons) {
    const page = await getJson<{ total: number }>(
      `${baseUrl}/v1/history/standings-progression?season=${season}&limit=1`,
    );
    if (page.total > 0) seasonsReady.push(season);
  }
  const key = BUNDLED_HISTORY.session.sessionKey;
  const laps = await getJson<unknown[]>(`${baseUrl}/v1/laps?session_key=${key}`);
  const result = await getJson<Array<{ result_status: string }>>(
    `${baseUrl}/v1/session_result?session_key=${key}`,
  );
  return {
    seasonsReady,
    sessionLaps: laps.length,
    sessionOfficial: result.length > 0 && result.every((row) => row.result_status === 'official'),
  };
}

export function isComplete(progress: ReadModelProgress): boolean {
  return (
    progress.seasonsReady.length === BUNDLED_HISTORY.seasons.length &&
    progress.sessionLaps > 0 &&
    progress.sessionOfficial
  );
}

export function describeProgress(progress: ReadModelProgress): string {
  return (
    `seasons ${progress.seasonsReady.join(', ') || 'none'} of ${BUNDLED_HISTORY.seasons.join(', ')} in the ` +
    `read models; Miami sprint: ${progress.sessionLaps} laps, result ${progress.sessionOfficial ? 'official' : 'not official yet'}`
  );
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}
