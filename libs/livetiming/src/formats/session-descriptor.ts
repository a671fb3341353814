import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { listArchiveTopicFiles } from './archive-folder';
import { readArchiveTopicFile } from './archive-topic-file';
import { parseF1Utc, toIsoUtc } from './utc-time';

/** What identifies a recorded session; taken from F1's `SessionInfo`. */
export interface SessionDescriptor {
  sessionKey: number;
  meetingKey: number;
  /** e.g. `Qualifying`, `Sprint`. */
  name: string;
  /** e.g. `Qualifying`, `Race` (a sprint is type `Race`). */
  type: string;
  /** Archive path, e.g. `2025/2025-10-26_Mexico_City_Grand_Prix/2025-10-25_Qualifying/`. */
  path: string;
  /** Local time at the circuit, as F1 publishes it (`2025-10-25T15:00:00`). */
  startDate: string;
  /** Circuit offset from UTC, `-06:00:00` or `02:00:00`. */
  gmtOffset: string;
  /** `startDate - gmtOffset` as ISO UTC; undefined when either field is unreadable. */
  startUtc?: string;
}

export class SessionInfoNotFoundError extends Error {
  override readonly name = 'SessionInfoNotFoundError';
}

/**
 * Reads `session_info.json` when the folder has one (the pitwall importer writes it), else the
 * first record of `SessionInfo.jsonStream[.gz]`: F1's archive itself has only the topic stream.
 */
export async function readSessionDescriptor(dir: string): Promise<SessionDescriptor> {
  const info = (await readSessionInfoJson(dir)) ?? (await readFirstSessionInfoRecord(dir));
  if (info === undefined)
    throw new SessionInfoNotFoundError(`no session_info.json or SessionInfo record in ${dir}`);
  return sessionDescriptorOf(info, dir);
}

/** Maps a `SessionInfo` payload (from any recording format) to a descriptor. */
export function sessionDescriptorOf(info: unknown, where = 'SessionInfo'): SessionDescriptor {
  const record = info as { Key?: unknown; Meeting?: { Key?: unknown }; [field: string]: unknown };
  const sessionKey = record?.Key;
  const meetingKey = record?.Meeting?.Key;
  if (typeof sessionKey !== 'number' || typeof meetingKey !== 'number') {
    throw new SessionInfoNotFoundError(`SessionInfo in ${where} has no numeric Key and Meeting.Key`);
  }
  const text = (field: string) => (typeof record[field] === 'string' ? (record[field] as string) : '');
  const descriptor: SessionDescriptor = {
    sessionKey,
    meetingKey,
    name: text('Name'),
    type: text('Type'),
    path: text('Path'),
    startDate: text('StartDate'),
    gmtOffset: text('GmtOffset'),
  };
  const startUtc = localToUtc(descriptor.startDate, descriptor.gmtOffset);
  return startUtc === undefined ? descriptor : { ...descriptor, startUtc };
}

const GMT_OFFSET = /^([+-]?)(\d{2}):(\d{2}):(\d{2})$/;

function localToUtc(localDate: string, gmtOffset: string): string | undefined {
  const localMs = parseF1Utc(localDate);
  const match = GMT_OFFSET.exec(gmtOffset);
  if (localMs === undefined || !match) return undefined;
  const [, sign, hours, minutes, seconds] = match;
  const offsetMs = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  return toIsoUtc(localMs - (sign === '-' ? -offsetMs : offsetMs));
}

async function readSessionInfoJson(dir: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, 'session_info.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

async function readFirstSessionInfoRecord(dir: string): Promise<unknown> {
  const sessionInfo = (await listArchiveTopicFiles(dir)).find(({ topic }) => topic === 'SessionInfo');
  if (!sessionInfo) return undefined;
  for await (const message of readArchiveTopicFile(sessionInfo.file)) return message.payload;
  return undefined;
}
