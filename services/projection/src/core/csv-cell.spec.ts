import { describe, expect, it } from 'vitest';

import { csvCell } from './csv-cell';

describe('a CSV cell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ["+cmd|' /C calc'!A0", `"'+cmd|' /C calc'!A0"`],
    ["-2+3+cmd|' /C calc'!A0", `"'-2+3+cmd|' /C calc'!A0"`],
    ["@SUM(1+1)*cmd|' /C calc'!A0", `"'@SUM(1+1)*cmd|' /C calc'!A0"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a formula: %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('keeps numbers, signed number texts and plain text as they are', () => {
    expect(
      [-3, 0.5, '+1.234', '-0.5', '+1:02.3', '+2 Laps', 'HAM', 'a, b', 'say "hi"', null].map(csvCell),
    ).toEqual(['-3', '0.5', '+1.234', '-0.5', '+1:02.3', '+2 Laps', 'HAM', '"a, b"', '"say ""hi"""', '']);
  });

  it('writes objects as JSON, neutralised too when they are text that starts a formula', () => {
    expect(csvCell([1, 2])).toBe('"[1,2]"');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
});
