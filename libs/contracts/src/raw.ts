import { z } from 'zod';

import { isoTimestamp } from './envelope';
import { RAW_SOURCES } from './provenance';

/**
 * What ingestion and replay write to RAW: the payload exactly as received plus where and when it
 * came from. Normalization is a pure function of this record, so it can be re-run at any time.
 */
export const rawRecordSchema = z.object({
  /** The upstream it came from (`provenance.ts` defines source, origin and provenance). */
  source: z.enum(RAW_SOURCES),
  /** Jolpica resource, Ergast table or live-timing topic (original spelling, e.g. `CarData.z`). */
  resource: z.string().min(1),
  /** Natural key of the record within its resource, when the source has one. */
  key: z.string().optional(),
  /** When slipstream received it (for recordings: the recorded wall-clock time). */
  receivedAt: isoTimestamp,
  /** Source-specific context: session key, stream offset and origin, CSV file and line, request URL. */
  meta: z.record(z.string(), z.unknown()).default({}),
  payload: z.unknown(),
});

export type RawRecord = z.infer<typeof rawRecordSchema>;
export type RawRecordInput = z.input<typeof rawRecordSchema>;
