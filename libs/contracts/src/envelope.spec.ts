import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { createEvent, defineEvent } from './envelope';

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
