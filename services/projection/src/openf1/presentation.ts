import { type OpenF1Endpoint } from './endpoint';

/** ClickHouse's `2025-10-25 21:00:00.130` as OpenF1 writes times: `2025-10-25T21:00:00.130000+00:00`. */
export function openF1Date(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}+00:00`;
}

/** A row in OpenF1's shape: the endpoint's attributes only, in order, dates formatted. */
export function presentRow(endpoint: OpenF1Endpoint, raw: Record<string, unknown>): Record<string, unknown> {
  const shaped = endpoint.present ? endpoint.present(raw) : raw;
  const row: Record<string, unknown> = {};
  for (const [attribute, type] of Object.entries(endpoint.attributes)) {
    const value = shaped[attribute] ?? null;
    row[attribute] = type === 'date' ? openF1Date(value) : value;
  }
  return row;
}
