import { headers as createHeaders, type MsgHdrs } from '@nats-io/transport-node';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeJson<T = unknown>(data: Uint8Array): T {
  return JSON.parse(decoder.decode(data)) as T;
}

export function toNatsHeaders(values: Record<string, string | undefined>): MsgHdrs {
  const result = createHeaders();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') result.set(key, value);
  }
  return result;
}

export function fromNatsHeaders(headers: MsgHdrs | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!headers) return result;
  for (const key of headers.keys()) result[key] = headers.values(key);
  return result;
}
