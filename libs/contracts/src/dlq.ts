import { z } from 'zod';

import { isoTimestamp } from './envelope';

/** A message a stage could not handle, kept with its error so it can be fixed and replayed. */
export const deadLetterSchema = z.object({
  stage: z.enum(['normalization', 'projection', 'ingestion', 'gateway']),
  reason: z.string().min(1),
  error: z.string(),
  failedAt: isoTimestamp,
  deliveries: z.number().int().nonnegative(),
  original: z.object({
    stream: z.string(),
    subject: z.string(),
    sequence: z.number().int().nonnegative(),
    headers: z.record(z.string(), z.array(z.string())),
    /** Base64 of the original bytes, so nothing is lost even when they are not valid JSON. */
    payloadBase64: z.string(),
  }),
});

export type DeadLetter = z.infer<typeof deadLetterSchema>;
