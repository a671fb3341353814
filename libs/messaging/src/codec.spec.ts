import { headers as natsHeaders, type MsgHdrs, type MsgHdrsImpl } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';

import { fromNatsHeaders, toNatsHeaders } from './codec';

/** What nats.js builds for the same record, one `set` per header (how the publisher built them before). */
function setOneByOne(values: Record<string, string | undefined>) {
  const headers = natsHeaders();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') headers.set(key, value);
  }
  return headers;
}

const decoder = new TextDecoder();
/** The wire form of headers (nats.js's own encoding, which its publish sends). */
const wire = (headers: MsgHdrs) => decoder.decode((headers as MsgHdrsImpl).encode());

describe('toNatsHeaders', () => {
  it.each([
    { 'Slipstream-Event-Type': 'RaceResultRecorded', 'Slipstream-Schema-Version': '1' },
    {
      'Slipstream-Correlation-Id': 'ingest:2026-12-07',
      'Slipstream-Causation-Id': undefined,
      'Slipstream-Source': '',
      'Nats-Msg-Id': 'ergast:results:1:abc',
    },
    { 'x-lower': '  padded value  ', 'Mixed-CASE_key.1': 'a:b;c=d' },
    {},
  ])('encodes %j to the bytes nats.js encodes', (values) => {
    const fast = toNatsHeaders(values);
    expect(wire(fast)).toBe(wire(setOneByOne(values)));
    expect(fromNatsHeaders(fast)).toEqual(fromNatsHeaders(setOneByOne(values)));
  });

  it('reads back like headers nats.js built', () => {
    const fast = toNatsHeaders({ 'Slipstream-Source': 'ergast', 'Nats-Msg-Id': 'one' });
    expect(fast.get('Nats-Msg-Id')).toBe('one');
    expect(fast.has('Slipstream-Source')).toBe(true);
    fast.set('Nats-Msg-Id', 'two');
    expect(fast.values('Nats-Msg-Id')).toEqual(['two']);
  });

  it.each([
    ['a name with a colon', { 'Bad:Name': 'x' }],
    ['a name with a space', { 'Bad Name': 'x' }],
    ['a name with a non-ASCII letter', { Café: 'x' }],
    ['a value with a line feed', { Good: 'x\ny' }],
    ['a value with a carriage return', { Good: 'x\r' }],
  ])('refuses %s, as nats.js does', (_what, values) => {
    expect(() => setOneByOne(values)).toThrow();
    expect(() => toNatsHeaders(values)).toThrow();
  });
});
