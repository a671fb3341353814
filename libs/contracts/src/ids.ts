import { createHash } from 'node:crypto';

/**
 * A deterministic id: the same parts always give the same id, so a re-ingest or a replay of the
 * same fact is deduplicated by the server and converges in the read models.
 */
export function deterministicId(...parts: Array<string | number | null | undefined>): string {
  const hash = createHash('sha256')
    .update(
      parts.map((part) => (part === null || part === undefined ? '\u0000' : String(part))).join('\u001f'),
    )
    .digest('hex');
  // Formatted as a UUID (version nibble 5, RFC 4122 variant) so it fits UUID columns and tools.
  const v = `5${hash.slice(13, 16)}`;
  const variant = ((parseInt(hash.slice(16, 17), 16) & 0x3) | 0x8).toString(16) + hash.slice(17, 20);
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${v}-${variant}-${hash.slice(20, 32)}`;
}

/** A stable hash of a JSON value (key order independent), for content-addressed message ids. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex').slice(0, 32);
}

export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}
