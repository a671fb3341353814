import { describe, expect, it } from 'vitest';

import { contentHash, deterministicId, stableStringify } from './ids';

describe('deterministicId', () => {
  it('gives the same fact the same id, every time', () => {
    expect(deterministicId('RaceResultRecorded', 2023, 1, 'max_verstappen')).toBe(
      deterministicId('RaceResultRecorded', 2023, 1, 'max_verstappen'),
    );
  });

  it('gives different facts different ids', () => {
    const ids = new Set([
      deterministicId('RaceResultRecorded', 2023, 1, 'max_verstappen'),
      deterministicId('RaceResultRecorded', 2023, 2, 'max_verstappen'),
      deterministicId('SprintResultRecorded', 2023, 1, 'max_verstappen'),
      // Parts are kept apart: moving a boundary is another fact.
      deterministicId('RaceResultRecorded', '20231', 'max_verstappen'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('tells a missing part from an empty one', () => {
    expect(deterministicId('x', null)).toBe(deterministicId('x', undefined));
    expect(deterministicId('x', null)).not.toBe(deterministicId('x', ''));
  });

  it('is shaped as a version 5 UUID, so it fits UUID columns', () => {
    expect(deterministicId('anything')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('contentHash', () => {
  it('does not depend on key order or on undefined fields', () => {
    expect(contentHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      contentHash({ b: { d: 'x', c: [1, 2] }, a: 1, e: undefined }),
    );
  });

  it('changes with the content, array order included', () => {
    expect(contentHash({ points: 25 })).not.toBe(contentHash({ points: 26 }));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });

  it('writes JSON with sorted keys', () => {
    expect(stableStringify({ b: 1, a: [null, 'x'], c: undefined })).toBe('{"a":[null,"x"],"b":1}');
  });
});
