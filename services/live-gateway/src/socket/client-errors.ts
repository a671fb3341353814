import { type z } from 'zod';

import { type GatewayError, type GatewayErrorCode } from '@slipstream/contracts';

export interface ErrorReply {
  ok: false;
  error: GatewayError;
}

export function errorReply(
  code: GatewayErrorCode,
  message: string,
  issues?: GatewayError['issues'],
): ErrorReply {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

/** A zod failure as an error naming every bad field, e.g. `topics.1: Invalid option: expected one of …`. */
export function invalidRequest(error: z.ZodError): ErrorReply {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(request)',
    message: issue.message,
  }));
  return errorReply(
    'invalid_request',
    issues.map(({ path, message }) => `${path}: ${message}`).join('; '),
    issues,
  );
}

/** For connection refusals: socket.io hands `message` and `data` to the client's `connect_error`. */
export function connectionError(code: GatewayErrorCode, message: string): Error & { data: GatewayError } {
  return Object.assign(new Error(message), { data: { code, message } });
}
