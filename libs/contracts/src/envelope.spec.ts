import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { createEvent, defineEvent, eventMetadataSchema, hasEventMetadata } from './envelope';

const LightsOut = defineEvent(
  'LightsOut',
  2,
  z.object({ season: z.number().int(), round: z.number().int() }),
);
const input = {
  id: 'e-1',
  occurredAt: '2023-03-05T15:00:00.000Z',
  recordedAt: '2025-10-16T06:12:00.000Z',
  source: 'ergast',
  correlationId: 'c-1',
  data: { season: 2023, round: 1 },
};

describe('createEvent', () => {
  it('stamps the type and version of its definition, and no causation when none is given', () => {
    expect(createEvent(LightsOut, input)).toEqual({
      ...input,
      type: 'LightsOut',
      version: 2,
      causationId: null,
    });
  });

  it('refuses data its definition does not allow, naming the field', () => {
    expect(() => createEvent(LightsOut, { ...input, data: { season: 2023, round: 1.5 } })).toThrow(/round/);
  });

  it('refuses a timestamp that is not ISO-8601', () => {
    expect(() => createEvent(LightsOut, { ...input, recordedAt: '16/10/2025' })).toThrow(/recordedAt/);
  });
});

describe('hasEventMetadata', () => {
  const valid = {
    id: 'e-1',
    type: 'LightsOut',
    version: 2,
    occurredAt: '2023-03-05T15:00:00.000Z',
    recordedAt: '2025-10-16T06:12:00+02:00',
    source: 'ergast',
    correlationId: 'c-1',
    causationId: null,
    data: { anything: true },
  };
  const oddValues: unknown[] = [
    undefined,
    null,
    '',
    ' ',
    'x',
    0,
    -1,
    1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    '1',
    true,
    [],
    {},
    '2023-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '2023-04-31T00:00:00Z',
    '2023-01-01T24:00:00Z',
    '2023-01-01T23:59:60Z',
    '2023-01-01 00:00:00Z',
    '2023-01-01T00:00:00',
    '2023-01-01T00:00Z',
    '2023-01-01T00:00:00.123456789+14:00',
    '2023-01-01T00:00:00-00:00',
    '2023-01-01T00:00:00+0100',
    '2023-01-01',
    '+002023-01-01T00:00:00Z',
  ];

  it('accepts what the schema accepts, extra keys and all', () => {
    expect(hasEventMetadata(valid)).toBe(true);
    expect(hasEventMetadata({ ...valid, causationId: 'raw-1', extra: 1 })).toBe(true);
  });

  it('never says yes where eventMetadataSchema says no, field by field and two fields at once', () => {
    const fields = Object.keys(valid).filter((key) => key !== 'data') as Array<keyof typeof valid>;
    const candidates: unknown[] = [null, [], 'event', 42, [valid]];
    for (const field of fields) {
      for (const value of oddValues) {
        candidates.push({ ...valid, [field]: value });
        const { [field]: _dropped, ...without } = valid;
        candidates.push(without);
        for (const other of fields) {
          if (other !== field)
            candidates.push({
              ...valid,
              [field]: value,
              [other]: oddValues[fields.indexOf(other) % oddValues.length],
            });
        }
      }
    }
    let agreedYes = 0;
    for (const candidate of candidates) {
      const zodSays = eventMetadataSchema.safeParse(candidate).success;
      if (hasEventMetadata(candidate)) {
        expect(zodSays, JSON.stringify(candidate)).toBe(true);
        agreedYes++;
      }
    }
    expect(candidates.length).toBeGreaterThan(2_000);
    // Timestamps zod accepts are accepted by hand too, so the fast path is the usual one.
    expect(agreedYes).toBeGreaterThan(50);
  });
});
