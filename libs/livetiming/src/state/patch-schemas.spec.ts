import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { readArchiveSession } from '../formats/archive-session';
import { readCaptureFile } from '../formats/live-capture';
import { type TopicMessage } from '../formats/topic-message';
import { assertValidPatch, InvalidPatchError, patchViolation } from './patch-schemas';
import { SessionState } from './session-state';

const ROOT = join(__dirname, '../../../..');
const SESSIONS = join(ROOT, 'data/sessions');
const CAPTURES = join(__dirname, '../../fixtures/capture');

async function violationsIn(messages: AsyncIterable<TopicMessage>): Promise<string[]> {
  const found: string[] = [];
  for await (const message of messages) {
    const violation = patchViolation(message.topic, message.payload);
    if (violation)
      found.push(`${message.topic} line ${message.line}: ${violation.path}: ${violation.message}`);
  }
  return found;
}

describe('live-timing patch schemas', () => {
  it.each(readdirSync(SESSIONS))('accept every message of the bundled session %s', async (session) => {
    expect(await violationsIn(readArchiveSession(join(SESSIONS, session)))).toEqual([]);
  });

  it.each(['brazil-sprint-head.txt', 'dutch-qualifying-head.txt'])(
    'accept every message of the live capture %s',
    async (file) => {
      expect(await violationsIn(readCaptureFile(join(CAPTURES, file)))).toEqual([]);
    },
  );

  // Each of these, merged, corrupted the session state of a replayed race (issue 18).
  it.each([
    ['Lines as null', { Lines: null }, 'Lines', 'expected an object keyed by car number, got null'],
    ['Lines as an array', { Lines: [1, 2] }, 'Lines', 'expected an object keyed by car number, got an array'],
    ['Lines as a number', { Lines: 7 }, 'Lines', 'expected an object keyed by car number, got a number'],
    ['a car keyed 0', { Lines: { '0': { Position: '1' } } }, 'Lines.0', 'expected a car number 1–99'],
    ['a car keyed 100', { Lines: { '100': {} } }, 'Lines.100', 'expected a car number 1–99'],
    ['a car line as text', { Lines: { '44': 'x' } }, 'Lines.44', 'expected an object, got a string'],
    ['a car line as null', { Lines: { '44': null } }, 'Lines.44', 'expected an object, got null'],
    [
      'a position as a number',
      { Lines: { '44': { Position: 3 } } },
      'Lines.44.Position',
      'expected a position as digits in text, got 3',
    ],
    [
      'a lap count as text',
      { Lines: { '44': { NumberOfLaps: '12' } } },
      'Lines.44.NumberOfLaps',
      'expected a whole number >= 0, got a string',
    ],
    [
      'a retirement as text',
      { Lines: { '44': { Retired: 'true' } } },
      'Lines.44.Retired',
      'expected true or false, got a string',
    ],
    [
      'a sector patch under a key that is not an index',
      { Lines: { '44': { Sectors: { x: {} } } } },
      'Lines.44.Sectors.x',
      'expected an index (0, 1, …)',
    ],
    ['a patch that is not an object', [1, 2], '(root)', 'expected an object, got an array'],
  ])('reject a TimingData patch with %s, naming the path', (_case, payload, path, message) => {
    expect(patchViolation('TimingData', payload)).toEqual({ path, message });
  });

  it('reject scalars where any topic expects an object, known or not', () => {
    expect(patchViolation('TopThree', 'garbage')?.path).toBe('(root)');
    expect(patchViolation('CarData.z', null)?.message).toBe('expected an object, got null');
    expect(patchViolation('DriverList', { '0': {} })?.path).toBe('0');
  });

  it('throw an error that names the topic and the path, and leave the state as it was', () => {
    const state = new SessionState();
    state.apply('TimingData', { Lines: { '44': { Position: '1' } } });
    const patch = { Lines: { '0': { Position: '1' }, '44': { Position: 7 } } };
    const thrown = (() => {
      try {
        assertValidPatch('TimingData', patch);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(InvalidPatchError);
    expect((thrown as InvalidPatchError).message).toBe(
      'TimingData patch does not fit its schema at Lines.0: expected a car number 1–99',
    );
    expect(state.get('TimingData')).toEqual({ Lines: { '44': { Position: '1' } } });
  });
});
