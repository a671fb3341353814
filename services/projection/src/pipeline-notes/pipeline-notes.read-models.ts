import { type ReadModel } from '../core/read-model';
import { pipelineNotesMigrations } from './pipeline-notes.migrations';
import { pipelineNotesProjector } from './pipeline-notes.projector';

/** The foundation's slice: `raw.test.*` notes, proving RAW → EVENTS → ClickHouse end to end. */
export const pipelineNotesReadModels: ReadModel = {
  migrations: pipelineNotesMigrations,
  projectors: [pipelineNotesProjector],
};
