import { type CompressedPayloads, decodeTopicPayload } from './compressed-payload';
import { MalformedLineError, ReadOptions, reasonOf } from './line-error';
import { readTextLines } from './line-reader';
import { TopicMessage } from './topic-message';
import { toIsoUtc } from './utc-time';

/** Topic name the recorder gives the `Subscribe` result: a full state snapshot keyed by topic. */
export const SUBSCRIBE_SNAPSHOT_TOPIC = 'init';

export interface CaptureLine {
  receivedNs: bigint;
  topic: string;
  payload: unknown;
  raw: string;
}

/** `<unix-ns>:<Topic>:<json>`; the JSON holds colons too, so only the first two separate fields. */
export function parseCaptureLine(text: string): CaptureLine {
  const topicStart = text.indexOf(':') + 1;
  const jsonStart = text.indexOf(':', topicStart) + 1;
  const receivedText = text.slice(0, topicStart - 1);
  if (topicStart === 0 || jsonStart === 0 || !/^\d+$/.test(receivedText)) {
    throw new MalformedLineError('expected <unix-ns>:<Topic>:<json>');
  }
  const topic = text.slice(topicStart, jsonStart - 1);
  if (topic === '') throw new MalformedLineError('empty topic');
  const raw = text.slice(jsonStart);
  try {
    return { receivedNs: BigInt(receivedText), topic, payload: JSON.parse(raw), raw };
  } catch (error) {
    throw new MalformedLineError(`invalid JSON: ${reasonOf(error)}`);
  }
}

/**
 * Streams a live SignalR capture (already in arrival order). The `init` snapshot is split into
 * one message per topic, so consumers see it like the archive's first full record of each topic
 * and nothing downstream needs to know a pseudo-topic; those messages have no `raw`.
 */
export async function* readCaptureFile(
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<TopicMessage> {
  let firstMs: number | undefined;
  for await (const { text, line } of readTextLines(file, options)) {
    let messages: TopicMessage[];
    try {
      const captured = parseCaptureLine(text);
      // Truncating ns to ms before subtracting keeps offsets consistent with the ISO timestamps.
      const receivedMs = Number(captured.receivedNs / 1_000_000n);
      firstMs ??= receivedMs;
      const stamp = { offsetMs: receivedMs - firstMs, timestamp: toIsoUtc(receivedMs), line };
      messages = expandCaptureLine(captured, options.compressedPayloads).map((message) => ({
        ...message,
        ...stamp,
      }));
    } catch (error) {
      if (!(error instanceof MalformedLineError)) throw error;
      options.onError?.({ file, line, reason: error.message }, text);
      continue;
    }
    yield* messages;
  }
}

function expandCaptureLine(
  { topic, payload, raw }: CaptureLine,
  compressed: CompressedPayloads = 'decode',
): Omit<TopicMessage, 'line'>[] {
  if (topic !== SUBSCRIBE_SNAPSHOT_TOPIC)
    return [{ topic, payload: decodeTopicPayload(topic, payload, compressed), raw }];
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new MalformedLineError('init snapshot is not an object keyed by topic');
  }
  return Object.entries(payload).map(([snapshotTopic, state]) => ({
    topic: snapshotTopic,
    payload: decodeTopicPayload(snapshotTopic, state, compressed),
  }));
}
