import { BadRequestException } from '@nestjs/common';
import { type z } from 'zod';

/**
 * Validates a body or query with zod; a failure is a 400 naming each bad parameter, e.g.
 * `{ "message": "Invalid request", "errors": [{ "parameter": "speed", "problem": "…" }] }`.
 */
export function parseRequest<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new BadRequestException({
    message: `Invalid request: ${result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`).join('; ')}`,
    errors: result.error.issues.map((issue) => ({
      parameter: issue.path.map(String).join('.') || '(body)',
      problem: issue.message,
    })),
  });
}
