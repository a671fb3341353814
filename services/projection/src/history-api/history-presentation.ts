import { type ColumnType, type HistoryRoute } from './history-route';

/** ClickHouse's `2023-03-05 15:00:00.000` (UTC) as ISO 8601: `2023-03-05T15:00:00.000Z`. */
export function isoInstant(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(value);
  return match ? `${match[1]}T${match[2]}Z` : value;
}

/**
 * 64-bit integers arrive as text from a ClickHouse server and as numbers from chDB; the API
 * always answers numbers (every count here is far below 2^53).
 */
function typed(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if ((type === 'int' || type === 'number') && typeof value === 'string') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  if (type === 'number' && typeof value === 'number' && !Number.isFinite(value)) return null;
  if (type === 'datetime') return isoInstant(value);
  return value;
}

/** A row with the route's columns only, in order, typed. */
export function presentRow(route: HistoryRoute, raw: Record<string, unknown>): Record<string, unknown> {
  const shaped = route.present ? route.present(raw) : raw;
  const row: Record<string, unknown> = {};
  for (const [column, type] of Object.entries(route.columns)) row[column] = typed(type, shaped[column]);
  return row;
}

/** The same request one page further, or null on the last page. */
export function nextPage(
  path: string,
  rawQuery: string,
  page: { total: number; limit: number; offset: number },
): string | null {
  if (page.offset + page.limit >= page.total) return null;
  const params = new URLSearchParams(rawQuery);
  params.set('offset', String(page.offset + page.limit));
  params.set('limit', String(page.limit));
  return `${path}?${params.toString()}`;
}
