/**
 * An error that retrying cannot fix (invalid payload, unknown schema version): the message goes to
 * the DLQ at once instead of being redelivered.
 */
export class PermanentError extends Error {
  constructor(
    message: string,
    /** Short machine-readable reason, used as the DLQ subject token, e.g. `invalid_payload`. */
    readonly reason: string = 'permanent_error',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** Validation and parse errors are permanent by nature, whoever threw them. */
export function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentError || error instanceof SyntaxError) return true;
  return error instanceof Error && error.name === 'ZodError';
}

export function reasonOf(error: unknown): string {
  if (error instanceof PermanentError) return error.reason;
  // A retryable error may name its reason too; it is used once the deliveries run out.
  const reason = (error as { reason?: unknown } | null)?.reason;
  if (error instanceof Error && typeof reason === 'string' && /^[a-z0-9_]+$/.test(reason)) return reason;
  if (error instanceof SyntaxError) return 'malformed_json';
  if (error instanceof Error && error.name === 'ZodError') return 'invalid_schema';
  return 'handler_failed';
}

export function describeError(error: unknown): string {
  if (error instanceof Error && error.name === 'ZodError' && 'issues' in error) {
    const issues = (error as { issues: Array<{ path: PropertyKey[]; message: string }> }).issues;
    return issues
      .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
