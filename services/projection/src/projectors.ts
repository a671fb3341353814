import { type Migration } from '@slipstream/clickhouse';

import { type ProjectorRegistration } from './core/projector';
import { pipelineNotesMigrations } from './pipeline-notes/pipeline-notes.migrations';
import { pipelineNotesProjector } from './pipeline-notes/pipeline-notes.projector';

/** Every read model: its tables (migrations) and the projectors that fill them. */
export const allMigrations: Migration[] = [...pipelineNotesMigrations];

export const allProjectors: ProjectorRegistration[] = [pipelineNotesProjector];
