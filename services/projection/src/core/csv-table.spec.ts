import { describe, expect, it } from 'vitest';

import { csvTable } from './csv-table';

// A driver name as someone could have typed it into a source the pipeline imports (issue 18).
const rows = [{ driver: '=HYPERLINK("http://evil.example","Max")', gap: '+1.234', laps: -1 }];

describe('csvTable', () => {
  it('writes CSV that no spreadsheet runs as a formula', () => {
    expect(csvTable(['driver', 'gap', 'laps'], rows)).toBe(
      `driver,gap,laps\r\n"'=HYPERLINK(""http://evil.example"",""Max"")",+1.234,-1\r\n`,
    );
  });

  it('ends every line, the header and the last included, with CRLF', () => {
    expect(csvTable(['a', 'b'], [])).toBe('a,b\r\n');
    expect(csvTable(['a', 'b'], [{ a: 1 }, { b: 'x\ny' }])).toBe('a,b\r\n1,\r\n,"x\ny"\r\n');
  });
});
