import { describe, expect, it } from 'vitest';

import { isPermanent, reasonOf } from '@slipstream/messaging';

import { isRowRejection, RowsRejectedError } from './rejected-rows';

/** What @clickhouse/client throws (over HTTP and through chDB alike): a message, a code and a type. */
const clickhouseError = (type: string, code: string) =>
  Object.assign(new Error(`${type} happened`), { name: 'ClickHouseError', type, code });

describe('telling refused rows from an unavailable store', () => {
  it.each([
    ['VIOLATED_CONSTRAINT', '469'],
    ['CANNOT_PARSE_NUMBER', '72'],
    ['CANNOT_PARSE_INPUT_ASSERTION_FAILED', '27'],
    ['TYPE_MISMATCH', '53'],
  ])('%s refuses the rows', (type, code) => {
    expect(isRowRejection(clickhouseError(type, code))).toBe(true);
  });

  it.each([
    ['UNKNOWN_TABLE', '60'],
    ['TOO_MANY_PARTS', '252'],
    ['MEMORY_LIMIT_EXCEEDED', '241'],
  ])('%s is the store, not the rows', (type, code) => {
    expect(isRowRejection(clickhouseError(type, code))).toBe(false);
  });

  it('a network error is the store', () => {
    expect(isRowRejection(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      false,
    );
  });

  it('refused rows are retried, then dead-lettered as rows_rejected with ClickHouse’s message', () => {
    const error = new RowsRejectedError(clickhouseError('VIOLATED_CONSTRAINT', '469'));
    expect(isPermanent(error)).toBe(false);
    expect(reasonOf(error)).toBe('rows_rejected');
    expect(error.message).toBe('VIOLATED_CONSTRAINT happened');
  });
});
