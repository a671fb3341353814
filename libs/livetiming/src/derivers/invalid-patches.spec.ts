import { describe, expect, it } from 'vitest';

import { type ClassificationEntry } from '@slipstream/contracts';

import { InvalidPatchError } from '../state';
import { type DerivedOutput } from './event-draft';
import { SessionEventDeriver } from './session-event-deriver';

// Trimmed from the 2025 Miami sprint's TimingData: three cars, then a status that classifies them.
const context = {
  sessionKey: 10028,
  recordedAt: '2025-05-03T16:00:00.000Z',
  correlationId: 'c',
  causationId: null,
};
const line = (position: string, laps: number) => ({
  Position: position,
  Line: Number(position),
  NumberOfLaps: laps,
});
const start = { Lines: { '81': line('1', 18), '4': line('2', 18), '63': line('3', 18) } };

function classificationOf(outputs: DerivedOutput[]): ClassificationEntry[] | undefined {
  const last = outputs
    .filter((output) => output.kind === 'event' && output.event.type === 'ClassificationUpdated')
    .at(-1);
  return last?.kind === 'event' ? (last.event.data as { entries: ClassificationEntry[] }).entries : undefined;
}

function derive(corrupt: unknown): { outputs: DerivedOutput[]; rejected: unknown[] } {
  const deriver = new SessionEventDeriver();
  const rejected: unknown[] = [];
  const outputs: DerivedOutput[] = [];
  const messages = [
    { topic: 'TimingData', payload: start },
    { topic: 'TimingData', payload: corrupt },
    { topic: 'SessionStatus', payload: { Status: 'Finished' } },
  ];
  messages.forEach((message, index) => {
    try {
      outputs.push(...deriver.apply({ ...message, offsetMs: index * 1000, line: index + 1 }, context));
    } catch (error) {
      rejected.push(error);
    }
  });
  return { outputs, rejected };
}

describe('a session deriver fed a patch that breaks its topic schema', () => {
  const clean = classificationOf(derive({ Lines: {} }).outputs);

  it.each([
    ['a phantom car 0', { Lines: { '0': { Position: '3' } } }],
    ['Lines as null', { Lines: null }],
    ['a car line as an array', { Lines: { '4': [] } }],
    ['a position as a number', { Lines: { '63': { Position: 2 } } }],
    ['a retirement as text', { Lines: { '81': { Retired: 'yes' } } }],
  ])('rejects %s and classifies every car as if it never came', (_case, corrupt) => {
    const { outputs, rejected } = derive(corrupt);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toBeInstanceOf(InvalidPatchError);
    expect((rejected[0] as InvalidPatchError).topic).toBe('TimingData');
    expect(classificationOf(outputs)).toEqual(clean);
    expect(clean?.map((entry) => [entry.driverNumber, entry.position, entry.status])).toEqual([
      [81, 1, 'running'],
      [4, 2, 'running'],
      [63, 3, 'running'],
    ]);
  });
});
