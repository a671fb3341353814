import { listArchiveTopicFiles } from './archive-folder';
import { readArchiveTopicFile } from './archive-topic-file';
import { ReadOptions } from './line-error';
import { mergeByOffset } from './merge-by-offset';
import { archiveTimestamp, deriveStreamClock } from './stream-clock';
import { TopicMessage } from './topic-message';

export interface ArchiveSessionOptions extends ReadOptions {
  /** Only these topics (names as in the file names, e.g. `CarData.z`); default all. */
  topics?: readonly string[];
  /** Set `timestamp` on every message from the stream start derived by `deriveStreamClock`. */
  withTimestamps?: boolean;
}

/** All topics of an archive session folder merged into one stream in offset order. */
export async function* readArchiveSession(
  dir: string,
  options: ArchiveSessionOptions = {},
): AsyncGenerator<TopicMessage> {
  const wanted = options.topics && new Set(options.topics);
  const files = (await listArchiveTopicFiles(dir)).filter(({ topic }) => !wanted || wanted.has(topic));
  const clock = options.withTimestamps ? await deriveStreamClock(dir) : undefined;
  const merged = mergeByOffset(files.map(({ file }) => readArchiveTopicFile(file, options)));
  for await (const message of merged) {
    yield clock && message.offsetMs !== undefined
      ? { ...message, timestamp: archiveTimestamp(clock, message.offsetMs) }
      : message;
  }
}
