import { type Migration } from '@slipstream/clickhouse';

import { type ProjectorRegistration } from './core/projector';
import { historicalReadModels } from './historical/historical.read-models';
import { pipelineNotesMigrations } from './pipeline-notes/pipeline-notes.migrations';
import { pipelineNotesProjector } from './pipeline-notes/pipeline-notes.projector';
import { sessionReadModels } from './sessions/sessions.read-models';

/** Every read model: its tables (migrations) and the projectors that fill them. */
export const allMigrations: Migration[] = [
  ...historicalReadModels.migrations,
  ...pipelineNotesMigrations,
  ...sessionReadModels.migrations,
];

export const allProjectors: ProjectorRegistration[] = [
  ...historicalReadModels.projectors,
  pipelineNotesProjector,
  ...sessionReadModels.projectors,
];
