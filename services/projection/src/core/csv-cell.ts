/**
 * One RFC 4180 CSV cell, safe to open in a spreadsheet. A text cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is a formula to Excel, LibreOffice and Google Sheets (CSV
 * injection), so it gets a leading `'`, as OWASP recommends, and is quoted. Numbers are written as
 * they are, and so is text that is only a signed number or time (`+1.234`, `-0.5`, `+1:02.3`, and
 * Ergast's `+1 Lap`): it cannot call anything, and a gap to the leader should stay readable as one.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = FORMULA_START.test(text) && !SIGNED_NUMBER.test(text) ? `'${text}` : text;
  return safe !== text || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]?\d[\d.:]*(?: Laps?)?$/;
