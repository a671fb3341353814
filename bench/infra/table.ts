import { type BenchFigure } from './bench';

const HEADERS = ['benchmark', 'figure', 'slipstream', 'baseline', 'baseline value', 'ratio'];

/** The figures as a fixed-width text table (also valid Markdown), one row per figure. */
export function formatTable(figures: readonly BenchFigure[]): string {
  const rows = figures.map((figure) => [
    figure.benchmark,
    figure.name,
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.baseline?.name ?? '—',
    figure.baseline ? `${formatNumber(figure.baseline.value)} ${figure.unit}` : '—',
    figure.ratio === undefined ? '—' : `${formatNumber(figure.ratio)}×`,
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column].length)),
  );
  const numeric = new Set([2, 4, 5]);
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (numeric.has(column) ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(HEADERS), rule, ...rows.map(line)].join('\n');
}

/** Three significant digits, no exponent; integers above 1000 with thousands separators. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
