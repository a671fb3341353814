import { csvCell } from './csv-cell';

/**
 * RFC 4180 CSV: a header of the columns, then one record per row with the row's value for each
 * column, every line ended by CRLF. Arrays and objects are written as JSON, and no cell can run as a
 * spreadsheet formula (see `csvCell`).
 */
export function csvTable(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
