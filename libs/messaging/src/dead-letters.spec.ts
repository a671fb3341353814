import { describe, expect, it } from 'vitest';

import { deadLetterSchema, dlqSubjects, HEADERS, rawSubjects } from '@slipstream/contracts';

import { deadLetterMessage } from './dead-letters';

describe('deadLetterMessage', () => {
  const subject = rawSubjects.test('lap');
  const letter = deadLetterMessage({
    stage: 'projection',
    reason: 'handler_failed',
    error: 'Error: boom',
    deliveries: 5,
    failedAt: new Date('2026-01-01T00:00:00.000Z'),
    original: {
      stream: 'RAW',
      subject,
      sequence: 42,
      headers: { [HEADERS.msgId]: ['m-1'], [HEADERS.correlationId]: ['c-1'] },
      bytes: Buffer.from('{"not":"json"'),
    },
    msgId: 'dlq:projection:RAW:42',
  });

  it('keeps the original bytes and headers in a record the DLQ schema accepts', () => {
    expect(deadLetterSchema.parse(letter.record)).toEqual({
      stage: 'projection',
      reason: 'handler_failed',
      error: 'Error: boom',
      failedAt: '2026-01-01T00:00:00.000Z',
      deliveries: 5,
      original: {
        stream: 'RAW',
        subject,
        sequence: 42,
        headers: { [HEADERS.msgId]: ['m-1'], [HEADERS.correlationId]: ['c-1'] },
        payloadBase64: Buffer.from('{"not":"json"').toString('base64'),
      },
    });
  });

  it('goes to dlq.<stage>.<reason> under its own id, with the headers that name the original', () => {
    expect(letter.message).toMatchObject({
      subject: dlqSubjects.of('projection', 'handler_failed'),
      msgId: 'dlq:projection:RAW:42',
      payload: letter.record,
      headers: {
        [HEADERS.dlqReason]: 'handler_failed',
        [HEADERS.dlqStream]: 'RAW',
        [HEADERS.dlqSubject]: subject,
        [HEADERS.dlqSequence]: '42',
        [HEADERS.correlationId]: 'c-1',
      },
    });
  });
});
