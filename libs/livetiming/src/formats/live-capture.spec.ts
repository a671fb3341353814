import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { LineError } from './line-error';
import { readCaptureFile } from './live-capture';
import { TopicMessage } from './topic-message';

const CAPTURE = join(__dirname, '../../fixtures/capture');

async function readAll(file: string): Promise<{ messages: TopicMessage[]; errors: LineError[] }> {
  const errors: LineError[] = [];
  const messages: TopicMessage[] = [];
  for await (const message of readCaptureFile(file, { onError: (error) => errors.push(error) }))
    messages.push(message);
  return { messages, errors };
}

describe('readCaptureFile', () => {
  it('splits the init snapshot of the São Paulo sprint into one message per topic', async () => {
    const { messages } = await readAll(join(CAPTURE, 'brazil-sprint-head.txt'));
    const snapshot = messages.filter((m) => m.line === 1);
    expect(snapshot.map((m) => m.topic)).toEqual([
      'SessionInfo',
      'Heartbeat',
      'DriverList',
      'ExtrapolatedClock',
      'RaceControlMessages',
      'SessionStatus',
      'TimingAppData',
      'TimingStats',
      'TrackStatus',
      'WeatherData',
      'SessionData',
      'TimingData',
    ]);
    expect(
      snapshot.every(
        (m) => m.offsetMs === 0 && m.timestamp === '2025-11-08T13:33:18.239Z' && m.raw === undefined,
      ),
    ).toBe(true);
    expect(snapshot[0].payload).toMatchObject({
      Key: 9864,
      Name: 'Sprint',
      Meeting: { Key: 1273 },
      _kf: true,
    });
    expect(messages).toHaveLength(12 + 11);
  });

  it('turns receive nanoseconds into an ISO millisecond timestamp and an offset from the first line', async () => {
    const { messages } = await readAll(join(CAPTURE, 'brazil-sprint-head.txt'));
    const heartbeat = messages.find((m) => m.line === 3);
    expect(heartbeat).toEqual({
      topic: 'Heartbeat',
      offsetMs: 2_011,
      timestamp: '2025-11-08T13:33:20.250Z',
      payload: { Utc: '2025-11-08T13:33:20.1434365Z', _kf: true },
      line: 3,
      raw: '{"Utc":"2025-11-08T13:33:20.1434365Z","_kf":true}',
    });
  });

  it('reads a capture without init (Zandvoort) as plain topic messages in arrival order', async () => {
    const { messages, errors } = await readAll(join(CAPTURE, 'dutch-qualifying-head.txt'));
    expect(errors).toEqual([]);
    expect(messages.map((m) => [m.topic, m.offsetMs])).toEqual([
      ['SessionInfo', 0],
      ['SessionData', 2],
      ['TrackStatus', 6],
      ['ExtrapolatedClock', 2_842],
      ['RaceControlMessages', 6_292],
      ['TimingData', 8_502],
      ['SessionData', 8_503],
      ['SessionStatus', 9_457],
    ]);
  });

  it('reports broken lines and keeps the good ones', async () => {
    const file = join(CAPTURE, 'dutch-qualifying-broken.txt');
    const { messages, errors } = await readAll(file);
    expect(messages.map((m) => `${m.line}:${m.topic}`)).toEqual([
      '1:SessionInfo',
      '4:ExtrapolatedClock',
      '6:RaceControlMessages',
    ]);
    expect(errors).toEqual([
      { file, line: 2, reason: 'expected <unix-ns>:<Topic>:<json>' },
      { file, line: 3, reason: expect.stringMatching(/^invalid JSON: /) },
      { file, line: 5, reason: 'expected <unix-ns>:<Topic>:<json>' },
    ]);
  });
});
