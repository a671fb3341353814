import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { archiveTopicOf, parseArchiveLine, readArchiveTopicFile } from './archive-topic-file';
import { inflateCompressedPayload } from './compressed-payload';
import { type LineError, type ReadOptions } from './line-error';
import { TopicMessage } from './topic-message';

const ARCHIVE = join(__dirname, '../../fixtures/archive');

async function readAll(
  file: string,
  options: ReadOptions = {},
): Promise<{ messages: TopicMessage[]; errors: LineError[] }> {
  const errors: LineError[] = [];
  const messages: TopicMessage[] = [];
  for await (const message of readArchiveTopicFile(file, {
    ...options,
    onError: (error) => errors.push(error),
  }))
    messages.push(message);
  return { messages, errors };
}

describe('archiveTopicOf', () => {
  it('takes the topic from plain and gzipped file names, keeping the .z of compressed topics', () => {
    expect(archiveTopicOf('/x/CarData.z.jsonStream.gz')).toBe('CarData.z');
    expect(archiveTopicOf('TimingData.jsonStream')).toBe('TimingData');
    expect(archiveTopicOf('session_info.json')).toBeUndefined();
    expect(archiveTopicOf('PROVENANCE.md')).toBeUndefined();
  });
});

describe('parseArchiveLine', () => {
  it('splits the offset from the JSON and keeps the JSON text as raw', () => {
    const message = parseArchiveLine('TrackStatus', '00:05:17.922{"Status":"2","Message":"Yellow"}', 2);
    expect(message).toEqual({
      topic: 'TrackStatus',
      offsetMs: 317_922,
      payload: { Status: '2', Message: 'Yellow' },
      line: 2,
      raw: '{"Status":"2","Message":"Yellow"}',
    });
  });
});

describe('readArchiveTopicFile', () => {
  it('reads the same Heartbeat lines with BOM+CRLF, BOM+LF and CRLF only', async () => {
    const variants = ['bom-crlf', 'bom-lf', 'mexico-qualifying-head'].map((dir) =>
      join(ARCHIVE, dir, 'Heartbeat.jsonStream'),
    );
    const [bomCrlf, bomLf, plain] = await Promise.all(
      variants.map(async (file) => (await readAll(file)).messages),
    );
    expect(bomCrlf).toHaveLength(4);
    expect(bomLf).toEqual(bomCrlf);
    expect(plain.slice(0, 4)).toEqual(bomCrlf);
    expect(bomCrlf[0]).toMatchObject({
      offsetMs: 15_110,
      payload: { Utc: '2025-10-25T20:46:41.1110449Z' },
      line: 1,
    });
  });

  it('reads F1 bytes with BOM and CRLF inside a gzip file (Miami sprint LapCount)', async () => {
    const { messages, errors } = await readAll(join(ARCHIVE, 'miami-sprint-head/LapCount.jsonStream.gz'));
    expect(errors).toEqual([]);
    expect(messages.map((m) => [m.offsetMs, m.payload])).toEqual([
      [77_547, { CurrentLap: 1, TotalLaps: 19 }],
      [2_982_053, { TotalLaps: 18 }],
      [4_387_987, { CurrentLap: 2 }],
      [4_561_620, { CurrentLap: 3 }],
      [4_723_380, { CurrentLap: 4 }],
    ]);
  });

  it('inflates CarData.z into car channels per sample', async () => {
    const { messages } = await readAll(join(ARCHIVE, 'mexico-qualifying-head/CarData.z.jsonStream.gz'));
    expect(messages).toHaveLength(4);
    const first = messages[0] as TopicMessage & {
      payload: { Entries: { Utc: string; Cars: Record<string, unknown> }[] };
    };
    expect(first.topic).toBe('CarData.z');
    expect(first.offsetMs).toBe(64_218);
    expect(first.raw).toMatch(/^"7ZSxDsIgEIbf5ea24Q4Q/);
    expect(first.payload.Entries[0].Utc).toMatch(/^2025-10-25T20:47:/);
    expect(Object.keys(first.payload.Entries[0].Cars)).toHaveLength(20);
  });

  it('inflates Position.z into X/Y/Z per car', async () => {
    const { messages } = await readAll(join(ARCHIVE, 'mexico-qualifying-head/Position.z.jsonStream'));
    const payload = messages[0].payload as {
      Position: { Timestamp: string; Entries: Record<string, { Status: string }> }[];
    };
    expect(messages[0].offsetMs).toBe(20_915);
    expect(Object.keys(payload.Position[0].Entries)).toHaveLength(20);
    expect(payload.Position[0].Entries['1'].Status).toBe('OnTrack');
  });

  it('reports a truncated .z payload and a cut-off line, keeping the good lines around them', async () => {
    const file = join(ARCHIVE, 'corrupt/CarData.z.jsonStream');
    const { messages, errors } = await readAll(file);
    expect(messages.map((m) => m.line)).toEqual([1, 4]);
    expect(errors).toEqual([
      { file, line: 2, reason: expect.stringMatching(/^corrupt compressed payload: /) },
      { file, line: 3, reason: expect.stringMatching(/^invalid JSON: /) },
    ]);
  });

  it('only checks .z payloads when told to verify: the base64 text is kept, a corrupt one still reported', async () => {
    const file = join(ARCHIVE, 'corrupt/CarData.z.jsonStream');
    const decoded = await readAll(file);
    const verified = await readAll(file, { compressedPayloads: 'verify' });
    expect(verified.errors).toEqual(decoded.errors);
    expect(verified.messages.map((m) => m.line)).toEqual([1, 4]);
    for (const [index, message] of verified.messages.entries()) {
      expect(message.payload).toBe(JSON.parse(message.raw!));
      expect(inflateCompressedPayload(message.payload as string)).toEqual(decoded.messages[index].payload);
    }
  });

  it('reports a line without offset and skips blank lines silently', async () => {
    const file = join(ARCHIVE, 'corrupt/SessionStatus.jsonStream');
    const { messages, errors } = await readAll(file);
    expect(messages.map((m) => [m.line, m.payload])).toEqual([
      [1, { Status: 'Inactive', Started: 'Inactive' }],
      [4, { Status: 'Finished', Started: 'Finished' }],
    ]);
    expect(errors).toEqual([{ file, line: 2, reason: 'line does not start with an HH:MM:SS.mmm offset' }]);
  });

  it('reports a gzip file cut short at the first line it lost and keeps the lines before it', async () => {
    const file = join(ARCHIVE, 'truncated-gz/Heartbeat.jsonStream.gz');
    const { messages, errors } = await readAll(file);
    expect(messages).toHaveLength(32);
    expect(messages.at(-1)?.offsetMs).toBe(480_259);
    expect(errors).toEqual([{ file, line: 33, reason: 'corrupt gzip data: unexpected end of file' }]);
  });
});
