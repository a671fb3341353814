import { inflateRawSync } from 'node:zlib';

import { MalformedLineError, reasonOf } from './line-error';

/** `CarData.z`, `Position.z`: the `.z` suffix marks payloads sent as base64 of raw DEFLATE. */
export function isCompressedTopic(topic: string): boolean {
  return topic.endsWith('.z');
}

/** Base64 → raw DEFLATE (no zlib or gzip header) → JSON. Throws on truncated or corrupt input. */
export function inflateCompressedPayload(base64: string): unknown {
  return JSON.parse(inflateRawSync(Buffer.from(base64, 'base64')).toString('utf8'));
}

/** Inflates the payload of a `.z` topic; other topics' payloads pass through unchanged. */
export function decodeTopicPayload(topic: string, payload: unknown): unknown {
  if (!isCompressedTopic(topic)) return payload;
  if (typeof payload !== 'string') throw new MalformedLineError('compressed payload is not a base64 string');
  try {
    return inflateCompressedPayload(payload);
  } catch (error) {
    throw new MalformedLineError(`corrupt compressed payload: ${reasonOf(error)}`);
  }
}
