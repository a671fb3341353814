import { type BatchOutcome, type ConsumedMessage } from '@slipstream/messaging';

import { isRowRejection, RowsRejectedError } from './rejected-rows';

/**
 * Inserts the rows of `messages`; when ClickHouse refuses rows for their values, halves the batch
 * until each refused insert is down to one message and returns those, so one bad event does not
 * hold up the others. Any other error (the store is down) is thrown: the runner retries the batch.
 * Halves are inserted under their own sequence ranges, so the deduplication tokens stay distinct.
 */
export async function insertIsolatingRejected(
  messages: ConsumedMessage[],
  insert: (messages: ConsumedMessage[]) => Promise<void>,
): Promise<BatchOutcome['failed']> {
  if (messages.length === 0) return [];
  try {
    await insert(messages);
    return [];
  } catch (error) {
    if (!isRowRejection(error)) throw error;
    if (messages.length === 1) return [{ message: messages[0], error: new RowsRejectedError(error) }];
    const half = Math.ceil(messages.length / 2);
    return [
      ...(await insertIsolatingRejected(messages.slice(0, half), insert)),
      ...(await insertIsolatingRejected(messages.slice(half), insert)),
    ];
  }
}

/** `first-last` stream sequences of a batch, the part of a deduplication token that names it. */
export function sequenceRange(messages: ConsumedMessage[]): string {
  return `${messages[0].sequence}-${messages[messages.length - 1].sequence}`;
}
