import { type MsgHdrs, MsgHdrsImpl } from '@nats-io/transport-node';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeJson<T = unknown>(data: Uint8Array): T {
  return JSON.parse(decoder.decode(data)) as T;
}

/** What nats.js accepts as a header name: printable ASCII without `:`. */
const HEADER_NAME = /^[!-9;-~]+$/;
const LINE_BREAK = /[\r\n]/;

/**
 * NATS headers for a publish, the same bytes as nats.js's `headers()` + `set()` (values trimmed,
 * empty and undefined ones left out) and refused for the same reasons. Built in one go: `set`
 * scans and copies the keys held so far twice per call, which made header building the largest
 * single source of garbage when loading the CSV set (docs/benchmarks.md).
 */
export function toNatsHeaders(values: Record<string, string | undefined>): MsgHdrs {
  const record: Record<string, string[]> = {};
  for (const key in values) {
    const value = values[key];
    if (value === undefined || value === '') continue;
    if (!HEADER_NAME.test(key)) throw new Error(`'${key}' is not a valid NATS header name`);
    if (LINE_BREAK.test(value)) throw new Error(`NATS header ${key}: values cannot contain \\r or \\n`);
    record[key] = [value.trim()];
  }
  return MsgHdrsImpl.fromRecord(record);
}

export function fromNatsHeaders(headers: MsgHdrs | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!headers) return result;
  for (const key of headers.keys()) result[key] = headers.values(key);
  return result;
}
