import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { archiveTopicOf } from './archive-topic-file';

export interface ArchiveTopicFile {
  topic: string;
  file: string;
}

/**
 * The topic files of a session folder, sorted by topic. When a topic exists both plain and
 * gzipped the plain file wins, so a folder holding both is not replayed twice.
 */
export async function listArchiveTopicFiles(dir: string): Promise<ArchiveTopicFile[]> {
  const byTopic = new Map<string, string>();
  for (const name of await readdir(dir)) {
    const topic = archiveTopicOf(name);
    if (topic === undefined) continue;
    const known = byTopic.get(topic);
    if (known === undefined || known.endsWith('.gz')) byTopic.set(topic, name);
  }
  return [...byTopic.keys()]
    .sort()
    .map((topic) => ({ topic, file: join(dir, byTopic.get(topic) as string) }));
}
