import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The recorded 2023 responses in libs/historical/fixtures (see PROVENANCE.md there). */
const FIXTURES = resolve(__dirname, '../../../../../libs/historical/fixtures');

export function readMrData(relativePath: string): Record<string, unknown> {
  return (
    JSON.parse(readFileSync(join(FIXTURES, relativePath), 'utf8')) as { MRData: Record<string, unknown> }
  ).MRData;
}

/** What the fixture server serves at each path: the full data of a recorded response. */
export const JOLPICA_2023_ROUTES: Record<string, string | string[]> = {
  '/2023/races.json': 'jolpica-api-json-2023-live/2023.json',
  '/2023/seasons.json': 'jolpica-ergast-json-2023/seasons/2023@seasons.json',
  '/2023/circuits.json': 'jolpica-ergast-json-2023/circuits/2023@circuits.json',
  '/2023/drivers.json': 'jolpica-api-json-2023-live/2023@drivers.json',
  '/2023/constructors.json': 'jolpica-ergast-json-2023/constructors/2023@constructors.json',
  '/2023/status.json': 'jolpica-ergast-json-2023/status/2023@status.json',
  '/2023/1/results.json': 'jolpica-api-json-2023-live/2023@1@results.json',
  '/2023/5/results.json': 'jolpica-api-json-2023-live/2023@5@results.json',
  '/2023/9/results.json': 'jolpica-ergast-json-2023/results/2023@9@results.json',
  // Three whole races in one list, so pages end in the middle of a race as Jolpica's do.
  '/2023/results.json': [
    'jolpica-api-json-2023-live/2023@1@results.json',
    'jolpica-api-json-2023-live/2023@5@results.json',
    'jolpica-ergast-json-2023/results/2023@9@results.json',
  ],
  '/2023/4/sprint.json': 'jolpica-api-json-2023-live/2023@4@sprint.json',
  '/2023/4/qualifying.json': 'jolpica-api-json-2023-live/2023@4@qualifying.json',
  '/2023/1/laps.json': 'jolpica-api-json-2023-live/2023@1@laps.json^limit=1200',
  '/2023/18/pitstops.json': 'jolpica-ergast-json-2023/pitstops/2023@18@pitstops.json',
  '/2023/22/driverstandings.json': 'jolpica-ergast-json-2023/driverstandings/2023@22@driverstandings.json',
  '/2023/22/constructorstandings.json':
    'jolpica-ergast-json-2023/constructorstandings/2023@22@constructorstandings.json',
};
