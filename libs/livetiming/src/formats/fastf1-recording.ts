import { decodeTopicPayload } from './compressed-payload';
import { MalformedLineError, ReadOptions, reasonOf } from './line-error';
import { readTextLines } from './line-reader';
import { parsePythonLiteral } from './python-literal';
import { TopicMessage } from './topic-message';
import { parseF1Utc, toIsoUtc } from './utc-time';

export interface FastF1Line {
  topic: string;
  payload: unknown;
  receivedMs: number;
}

/**
 * One line of a FastF1 `SignalRClient` recording: the Python `repr` of
 * `[topic, payload, receive timestamp]`. FastF1 counts a line as broken when it does not
 * unpack into those three or the timestamp does not parse; the same rule applies here, plus
 * `.z` payloads must inflate.
 */
export function parseFastF1Line(text: string): FastF1Line {
  let parsed: unknown;
  try {
    parsed = parsePythonLiteral(text);
  } catch (error) {
    throw new MalformedLineError(`not a Python literal: ${reasonOf(error)}`);
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) {
    const shape = Array.isArray(parsed) ? `${parsed.length} element(s)` : typeof parsed;
    throw new MalformedLineError(`expected [topic, payload, timestamp], got ${shape}`);
  }
  const [topic, payload, received] = parsed;
  if (typeof topic !== 'string' || topic === '') throw new MalformedLineError('topic is not a string');
  if (payload === null || (typeof payload !== 'object' && typeof payload !== 'string')) {
    throw new MalformedLineError('payload is neither a dict nor a string');
  }
  const receivedMs = parseF1Utc(received);
  if (receivedMs === undefined) throw new MalformedLineError(`invalid timestamp ${JSON.stringify(received)}`);
  return { topic, payload: decodeTopicPayload(topic, payload), receivedMs };
}

/** Streams a FastF1 recording; offsets count from the first readable line's timestamp. */
export async function* readFastF1Recording(
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<TopicMessage> {
  let firstMs: number | undefined;
  for await (const { text, line } of readTextLines(file, options)) {
    let recorded: FastF1Line;
    try {
      recorded = parseFastF1Line(text);
    } catch (error) {
      if (!(error instanceof MalformedLineError)) throw error;
      options.onError?.({ file, line, reason: error.message });
      continue;
    }
    firstMs ??= recorded.receivedMs;
    yield {
      topic: recorded.topic,
      offsetMs: recorded.receivedMs - firstMs,
      timestamp: toIsoUtc(recorded.receivedMs),
      payload: recorded.payload,
      line,
      raw: text,
    };
  }
}
