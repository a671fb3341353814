import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { type ArchiveHttp } from './archive-http';
import {
  type ArchiveMeeting,
  type ArchiveSession,
  fetchSeasonIndex,
  findSession,
  sessionSlug,
} from './archive-index';
import { ALL_TOPICS } from './live-topics';
import { provenanceNote } from './provenance-note';
import { type CheckedFile, checkTopicFile } from './topic-file-check';

export interface DownloadOptions {
  http: ArchiveHttp;
  year: number;
  meeting: string;
  session: string;
  /** Sessions go to `<root>/<slug>/`. */
  root: string;
  onProgress?: (line: string) => void;
}

export interface DownloadedFile extends CheckedFile {
  topic: string;
  url: string;
  /** Bytes already on disk from an interrupted run, or the whole file when it was complete. */
  resumedFrom: number;
  skipped: boolean;
}

export interface DownloadReport {
  slug: string;
  dir: string;
  meeting: ArchiveMeeting;
  session: Required<ArchiveSession>;
  files: DownloadedFile[];
  /** Topics the archive does not have for this session. */
  missing: string[];
}

/** Fetches a session's topic files into `<root>/<slug>/`, resuming what an earlier run left. */
export async function downloadSession(options: DownloadOptions): Promise<DownloadReport> {
  const { http, year, onProgress = () => undefined } = options;
  const { meeting, session } = findSession(
    await fetchSeasonIndex(http, year),
    options.meeting,
    options.session,
  );
  const slug = sessionSlug(year, meeting, session);
  const dir = join(options.root, slug);
  await mkdir(dir, { recursive: true });
  const topics = await sessionTopics(http, session.Path);
  onProgress(`${meeting.Name}, ${session.Name} (key ${session.Key}) -> ${dir}: ${topics.length} topics`);
  const files: DownloadedFile[] = [];
  const missing: string[] = [];
  for (const [index, topic] of topics.entries()) {
    const file = await downloadTopic(http, session.Path, dir, topic);
    const where = `[${index + 1}/${topics.length}] ${topic}`;
    if (!file) {
      missing.push(topic);
      onProgress(`${where}: not in the archive`);
      continue;
    }
    files.push(file);
    onProgress(
      `${where}: ${file.skipped ? 'already complete' : file.resumedFrom ? `resumed at ${file.resumedFrom} bytes` : 'downloaded'}, ${file.bytes} bytes, ${file.lines} lines`,
    );
  }
  if (!files.some((file) => file.topic === 'SessionInfo'))
    throw new Error(`the archive has no SessionInfo for ${slug}: not a replayable session`);
  await writeFile(
    join(dir, 'PROVENANCE.md'),
    provenanceNote({ year, meeting, session, files, missing, http }),
  );
  return { slug, dir, meeting, session, files, missing };
}

/** From the session's `Index.json` (its `Feeds`), else every topic the live feed knows. */
async function sessionTopics(http: ArchiveHttp, path: string): Promise<string[]> {
  const text = await http.text(`${path}Index.json`);
  if (text !== undefined) {
    const feeds = (
      JSON.parse(text.replace(/^\uFEFF/, '')) as { Feeds?: Record<string, { StreamPath?: string }> }
    ).Feeds;
    if (feeds) {
      const topics = Object.values(feeds).flatMap((feed) =>
        feed.StreamPath?.endsWith('.jsonStream') ? [feed.StreamPath.replace(/\.jsonStream$/, '')] : [],
      );
      if (topics.length) return topics;
    }
  }
  return [...ALL_TOPICS];
}

async function downloadTopic(
  http: ArchiveHttp,
  path: string,
  dir: string,
  topic: string,
): Promise<DownloadedFile | undefined> {
  const name = `${topic}.jsonStream`;
  const final = join(dir, name);
  const part = `${final}.part`;
  const url = http.url(`${path}${name}`);
  const done = await checkTopicFile(final).catch(() => undefined);
  if (done) return { topic, url, ...done, resumedFrom: done.bytes, skipped: true };
  const from = (await stat(part).catch(() => undefined))?.size ?? 0;
  const response = await http.open(`${path}${name}`, from);
  if (response.statusCode === 404) {
    await rm(part, { force: true });
    return undefined;
  }
  // 206: the rest after what we have; 200: the server sent it all again; 416: we already had it all.
  if (response.statusCode === 416) response.resume();
  else {
    const resumed = response.statusCode === 206;
    const expected = Number(response.headers['content-length'] ?? NaN);
    let received = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(response, count, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
    } catch {
      throw new Error(`the download of ${name} was interrupted; run the same command again to resume it`);
    }
    if (!Number.isNaN(expected) && received !== expected)
      throw new Error(`the download of ${name} was cut short; run the same command again to resume it`);
  }
  let checked: CheckedFile;
  try {
    checked = await checkTopicFile(part);
  } catch (error) {
    // A resumed file that does not check out cannot be mended by resuming again: start it over.
    await rm(part, { force: true });
    throw new Error(
      `${name} failed its check (${(error as Error).message}); it was removed, run again to fetch it anew`,
    );
  }
  await rename(part, final);
  return { topic, url, ...checked, resumedFrom: from, skipped: false };
}
