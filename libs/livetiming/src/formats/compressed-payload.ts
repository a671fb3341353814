import { inflateRawSync } from 'node:zlib';

import { MalformedLineError, reasonOf } from './line-error';

/** `CarData.z`, `Position.z`: the `.z` suffix marks payloads sent as base64 of raw DEFLATE. */
export function isCompressedTopic(topic: string): boolean {
  return topic.endsWith('.z');
}

/** Base64 → raw DEFLATE (no zlib or gzip header) → JSON. Throws on truncated or corrupt input. */
export function inflateCompressedPayload(base64: string): unknown {
  return JSON.parse(inflateBase64(base64).toString('utf8'));
}

function inflateBase64(base64: string): Buffer {
  return inflateRawSync(Buffer.from(base64, 'base64'));
}

/**
 * What a reader does with a `.z` payload: `decode` inflates it to its JSON; `verify` only checks
 * that it inflates and keeps the base64 text. A replay forwards the text as F1 sent it and
 * normalization decodes it, so decoding it in the replay too was a JSON parse per car data message
 * for nothing. A payload that inflates to something other than JSON passes `verify` and is
 * dead-lettered by normalization (`corrupt_payload`) instead.
 */
export type CompressedPayloads = 'decode' | 'verify';

/** Inflates the payload of a `.z` topic; other topics' payloads pass through unchanged. */
export function decodeTopicPayload(
  topic: string,
  payload: unknown,
  compressed: CompressedPayloads = 'decode',
): unknown {
  if (!isCompressedTopic(topic)) return payload;
  if (typeof payload !== 'string') throw new MalformedLineError('compressed payload is not a base64 string');
  try {
    if (compressed === 'decode') return inflateCompressedPayload(payload);
    inflateBase64(payload);
    return payload;
  } catch (error) {
    throw new MalformedLineError(`corrupt compressed payload: ${reasonOf(error)}`);
  }
}
