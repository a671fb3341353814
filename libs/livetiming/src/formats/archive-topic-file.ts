import { basename } from 'node:path';

import { type CompressedPayloads, decodeTopicPayload } from './compressed-payload';
import { MalformedLineError, ReadOptions, reasonOf } from './line-error';
import { readTextLines } from './line-reader';
import { TopicMessage } from './topic-message';
import { ARCHIVE_OFFSET_LENGTH, parseArchiveOffset } from './utc-time';

const ARCHIVE_TOPIC_FILE = /^(.+)\.jsonStream(\.gz)?$/;

/** `CarData.z.jsonStream.gz` → `CarData.z`; undefined for files that are not topic streams. */
export function archiveTopicOf(file: string): string | undefined {
  return ARCHIVE_TOPIC_FILE.exec(basename(file))?.[1];
}

/** One archive line: `HH:MM:SS.mmm` immediately followed by a JSON value. */
export function parseArchiveLine(
  topic: string,
  text: string,
  line: number,
  compressed: CompressedPayloads = 'decode',
): TopicMessage {
  const offsetMs = parseArchiveOffset(text);
  if (offsetMs === undefined) throw new MalformedLineError('line does not start with an HH:MM:SS.mmm offset');
  const raw = text.slice(ARCHIVE_OFFSET_LENGTH);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new MalformedLineError(`invalid JSON: ${reasonOf(error)}`);
  }
  return { topic, offsetMs, payload: decodeTopicPayload(topic, json, compressed), line, raw };
}

/** Streams one `<Topic>.jsonStream` (or `.jsonStream.gz`) file in file order. */
export async function* readArchiveTopicFile(
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<TopicMessage> {
  const topic = archiveTopicOf(file);
  if (topic === undefined) throw new Error(`not an archive topic file (<Topic>.jsonStream[.gz]): ${file}`);
  for await (const { text, line } of readTextLines(file, options)) {
    let message: TopicMessage;
    try {
      message = parseArchiveLine(topic, text, line, options.compressedPayloads);
    } catch (error) {
      if (!(error instanceof MalformedLineError)) throw error;
      options.onError?.({ file, line, reason: error.message }, text);
      continue;
    }
    yield message;
  }
}
