import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { readFastF1Recording } from './fastf1-recording';
import { LineError } from './line-error';
import { TopicMessage } from './topic-message';

const WITH_ERRORS = join(__dirname, '../../fixtures/fastf1/with_errors.txt');

async function readAll(file: string): Promise<{ messages: TopicMessage[]; errors: LineError[] }> {
  const errors: LineError[] = [];
  const messages: TopicMessage[] = [];
  for await (const message of readFastF1Recording(file, { onError: (error) => errors.push(error) }))
    messages.push(message);
  return { messages, errors };
}

describe('readFastF1Recording on FastF1 with_errors.txt', () => {
  it('keeps exactly the 19 lines that are [topic, payload, valid timestamp]', async () => {
    const { messages } = await readAll(WITH_ERRORS);
    expect(messages.map((m) => m.line)).toEqual([
      8, 9, 13, 15, 19, 20, 22, 23, 26, 28, 33, 35, 36, 39, 41, 42, 43, 46, 49,
    ]);
  });

  it('reports the other 32 lines with file, line and reason, and does not stop', async () => {
    const { errors } = await readAll(WITH_ERRORS);
    expect(errors).toHaveLength(32);
    expect(errors.every((error) => error.file === WITH_ERRORS)).toBe(true);
    const reasonAt = (line: number) => errors.find((error) => error.line === line)?.reason;
    expect(reasonAt(2)).toBe('expected [topic, payload, timestamp], got 1 element(s)');
    expect(reasonAt(7)).toBe('expected [topic, payload, timestamp], got string');
    expect(reasonAt(10)).toMatch(/^not a Python literal: unexpected end of input, expected '\]'/);
    expect(reasonAt(14)).toBe('expected [topic, payload, timestamp], got 2 element(s)');
    expect(reasonAt(27)).toBe('invalid timestamp "202103-28TZ"');
    expect(reasonAt(48)).toMatch(/^not a Python literal/);
  });

  it('reports the CarData.z and Position.z payloads, whose deflate data is damaged', async () => {
    const { errors } = await readAll(WITH_ERRORS);
    expect(
      errors.filter((error) => error.reason.startsWith('corrupt compressed payload')).map((e) => e.line),
    ).toEqual([1, 4]);
  });

  it('stamps messages with the receive time and offsets from the first readable line', async () => {
    const { messages } = await readAll(WITH_ERRORS);
    const [heartbeat] = messages;
    expect(heartbeat).toMatchObject({
      topic: 'Heartbeat',
      offsetMs: 0,
      timestamp: '2021-03-28T14:52:32.124Z',
      payload: { Utc: '2021-03-28T14:52:34.2188616Z', _kf: true },
    });
    const timingData = messages.find((m) => m.line === 46);
    expect(timingData).toMatchObject({
      offsetMs: 466_218,
      timestamp: '2021-03-28T15:00:18.342Z',
      payload: { Lines: { '10': { Sectors: { '0': { Segments: { '3': { Status: 2048 } } } } } } },
    });
    expect(timingData?.raw).toMatch(/^\['TimingData', /);
  });

  it('passes content damage through when the line itself is well-formed (line 20: Utc "2021-:06")', async () => {
    const { messages } = await readAll(WITH_ERRORS);
    const line20 = messages.find((m) => m.line === 20);
    expect(line20?.payload).toEqual({
      Messages: {
        '1': { Utc: '2021-:06', Lap: 1, Category: 'Drs', Status: 'DISABLED', Message: 'DRS DISABLED' },
      },
    });
  });
});
