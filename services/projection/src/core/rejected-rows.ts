/**
 * ClickHouse error types that refuse the rows themselves (a value it cannot parse or a constraint
 * it enforces), as opposed to the store being unavailable (unknown table, network, too many parts).
 */
const ROW_REJECTIONS =
  /^(CANNOT_PARSE_\w+|CANNOT_READ_\w+|VIOLATED_CONSTRAINT|TYPE_MISMATCH|INCORRECT_DATA|VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE|ARGUMENT_OUT_OF_BOUND|DECIMAL_OVERFLOW|CANNOT_CONVERT_TYPE|CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN|INCORRECT_NUMBER_OF_COLUMNS|TOO_LARGE_STRING_SIZE)$/;

export function isRowRejection(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && ROW_REJECTIONS.test(type);
}

/**
 * The rows of one event were refused by ClickHouse. Not permanent: a read model whose migration
 * is not deployed yet refuses rows it will take later, so the runner redelivers the message up to
 * `CONSUMER_MAX_DELIVER` times before dead-lettering it as `rows_rejected`.
 */
export class RowsRejectedError extends Error {
  readonly reason = 'rows_rejected';

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message.trim() : String(cause), { cause });
    this.name = 'RowsRejectedError';
  }
}
