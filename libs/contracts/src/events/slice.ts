import { z } from 'zod';

import { defineEvent } from '../envelope';
import { eventSubject } from '../subjects';

/**
 * The foundation's vertical slice: a note recorded from a `raw.test.*` payload. It proves the path
 * RAW → normalization → EVENTS → projection → ClickHouse end to end with the real modules.
 */
export const PipelineNoteRecorded = defineEvent(
  'PipelineNoteRecorded',
  1,
  z.object({
    noteKey: z.string().min(1),
    text: z.string(),
    value: z.number().finite(),
  }),
);

export const pipelineNoteSubject = (noteKey: string) => eventSubject('pipeline', 'note_recorded', noteKey);
