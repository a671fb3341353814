import { type EventOf, type PipelineNoteRecorded } from '@slipstream/contracts';

import { type ProjectorRegistration } from '../core/projector';

type NoteRecorded = EventOf<typeof PipelineNoteRecorded>;

export const pipelineNotesProjector: ProjectorRegistration = {
  name: 'pipeline_notes',
  eventTypes: ['PipelineNoteRecorded'],
  project: (event) => {
    const { data } = event as NoteRecorded;
    return [
      {
        table: 'pipeline_notes',
        row: {
          note_key: data.noteKey,
          text: data.text,
          value: data.value,
          event_id: event.id,
          occurred_at: event.occurredAt,
          _version: Date.parse(event.recordedAt),
        },
      },
    ];
  },
};
