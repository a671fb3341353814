import { z } from 'zod';

import {
  createEvent,
  deterministicId,
  PipelineNoteRecorded,
  pipelineNoteSubject,
} from '@slipstream/contracts';

import { type Normalizer } from '../core/normalize-batch';

const notePayloadSchema = z.object({ key: z.string().min(1), text: z.string(), value: z.number() });

/** `raw.test.notes` payloads become `PipelineNoteRecorded` events; the id depends only on the content. */
export const normalizePipelineNote: Normalizer = (record, context) => {
  const payload = notePayloadSchema.parse(record.payload);
  const event = createEvent(PipelineNoteRecorded, {
    id: deterministicId('PipelineNoteRecorded', payload.key, payload.text, payload.value),
    occurredAt: record.receivedAt,
    recordedAt: record.receivedAt,
    source: record.source,
    correlationId: context.correlationId,
    causationId: context.msgId,
    data: { noteKey: payload.key, text: payload.text, value: payload.value },
  });
  return [{ kind: 'event', subject: pipelineNoteSubject(payload.key), event }];
};
