import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { listArchiveTopicFiles } from './archive-folder';
import { readArchiveSession } from './archive-session';
import { LineError } from './line-error';
import { TopicMessage } from './topic-message';

const ARCHIVE = join(__dirname, '../../fixtures/archive');
const MEXICO_HEAD = join(ARCHIVE, 'mexico-qualifying-head');

async function collect(messages: AsyncIterable<TopicMessage>): Promise<TopicMessage[]> {
  const all: TopicMessage[] = [];
  for await (const message of messages) all.push(message);
  return all;
}

describe('listArchiveTopicFiles', () => {
  it('lists topic streams only, plain and gzipped, sorted by topic', async () => {
    const files = await listArchiveTopicFiles(MEXICO_HEAD);
    expect(files.map((f) => f.topic)).toEqual([
      'CarData.z',
      'ExtrapolatedClock',
      'Heartbeat',
      'Position.z',
      'RaceControlMessages',
      'SessionInfo',
      'SessionStatus',
      'TrackStatus',
      'WeatherData',
    ]);
    expect(files[0].file).toBe(join(MEXICO_HEAD, 'CarData.z.jsonStream.gz'));
  });

  it('takes the plain file when a topic is there both plain and gzipped', async () => {
    const files = await listArchiveTopicFiles(join(ARCHIVE, 'plain-and-gz'));
    expect(files.map((f) => f.file.slice(ARCHIVE.length + 1))).toEqual([
      'plain-and-gz/SessionStatus.jsonStream',
      'plain-and-gz/TrackStatus.jsonStream.gz',
    ]);
  });
});

describe('readArchiveSession', () => {
  it('merges all topics in offset order, ties by topic name then line', async () => {
    const messages = await collect(readArchiveSession(MEXICO_HEAD));
    expect(messages).toHaveLength(32);
    expect(messages.slice(0, 7).map((m) => [m.offsetMs, m.topic, m.line])).toEqual([
      [0, 'SessionInfo', 1],
      [0, 'TrackStatus', 1],
      [3_110, 'ExtrapolatedClock', 1],
      [4_110, 'ExtrapolatedClock', 2],
      [12_704, 'SessionStatus', 1],
      [15_110, 'Heartbeat', 1],
      [20_915, 'Position.z', 1],
    ]);
    const sessionStart = messages.filter((m) => m.offsetMs === 816_231).map((m) => m.topic);
    expect(sessionStart).toEqual(['SessionInfo', 'SessionStatus']);
    const offsets = messages.map((m) => m.offsetMs ?? -1);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it('reads only the requested topics', async () => {
    const messages = await collect(
      readArchiveSession(MEXICO_HEAD, { topics: ['SessionStatus', 'CarData.z'] }),
    );
    expect(messages.map((m) => `${m.topic}@${m.offsetMs}`)).toEqual([
      'SessionStatus@12704',
      'CarData.z@64218',
      'CarData.z@65138',
      'CarData.z@66258',
      'CarData.z@67258',
      'SessionStatus@816231',
      'SessionStatus@1896259',
    ]);
  });

  it('stamps UTC from the Heartbeat-derived stream start when asked', async () => {
    const messages = await collect(
      readArchiveSession(MEXICO_HEAD, { topics: ['SessionStatus'], withTimestamps: true }),
    );
    expect(messages.map((m) => [m.timestamp, (m.payload as { Status: string }).Status])).toEqual([
      ['2025-10-25T20:46:38.716Z', 'Inactive'],
      ['2025-10-25T21:00:02.243Z', 'Started'],
      ['2025-10-25T21:18:02.271Z', 'Finished'],
    ]);
  });

  it('reports broken lines of every topic and carries on with the rest', async () => {
    const errors: LineError[] = [];
    const messages = await collect(
      readArchiveSession(join(ARCHIVE, 'corrupt'), { onError: (error) => errors.push(error) }),
    );
    expect(messages.map((m) => `${m.topic}:${m.line}`)).toEqual([
      'SessionStatus:1',
      'CarData.z:1',
      'CarData.z:4',
      'SessionStatus:4',
    ]);
    expect(errors.map((e) => `${e.file.slice(ARCHIVE.length + 1)}:${e.line}`).sort()).toEqual([
      'corrupt/CarData.z.jsonStream:2',
      'corrupt/CarData.z.jsonStream:3',
      'corrupt/SessionStatus.jsonStream:2',
    ]);
  });

  it('stops cleanly when the consumer breaks out early', async () => {
    const first: TopicMessage[] = [];
    for await (const message of readArchiveSession(MEXICO_HEAD)) {
      first.push(message);
      if (first.length === 3) break;
    }
    expect(first.map((m) => m.topic)).toEqual(['SessionInfo', 'TrackStatus', 'ExtrapolatedClock']);
  });
});
