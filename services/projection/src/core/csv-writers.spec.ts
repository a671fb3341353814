import { describe, expect, it } from 'vitest';

import { type HistoryRoute } from '../history-api/history-route';
import { toCsv as historyCsv } from '../history-api/history-presentation';
import { type OpenF1Endpoint } from '../openf1/endpoint';
import { toCsv as openF1Csv } from '../openf1/presentation';

// A driver name as someone could have typed it into a source the pipeline imports (issue 18).
const rows = [{ driver: '=HYPERLINK("http://evil.example","Max")', gap: '+1.234', laps: -1 }];

describe('both CSV writers', () => {
  it('write OpenF1 CSV that no spreadsheet runs as a formula', () => {
    const endpoint = {
      attributes: { driver: 'string', gap: 'string', laps: 'number' },
    } as unknown as OpenF1Endpoint;
    expect(openF1Csv(endpoint, rows)).toBe(
      `driver,gap,laps\n"'=HYPERLINK(""http://evil.example"",""Max"")",+1.234,-1\n`,
    );
  });

  it('write history CSV that no spreadsheet runs as a formula', () => {
    const route = { columns: { driver: 'string', gap: 'string', laps: 'number' } } as unknown as HistoryRoute;
    expect(historyCsv(route, rows)).toBe(
      `driver,gap,laps\r\n"'=HYPERLINK(""http://evil.example"",""Max"")",+1.234,-1\r\n`,
    );
  });
});
