import { type Migration } from '@slipstream/clickhouse';

import { type ProjectorRegistration } from './core/projector';
import { type ReadModel } from './core/read-model';
import { historicalReadModels } from './historical/historical.read-models';
import { pipelineNotesReadModels } from './pipeline-notes/pipeline-notes.read-models';
import { sessionReadModels } from './sessions/sessions.read-models';

/**
 * Every feature's read model, for what runs outside the modules that register them: migrations
 * (applied before any module loads, and by provision), the rebuild CLI and the benchmarks. A
 * feature exports its `ReadModel` from `<feature>.read-models.ts`, registers it in its module with
 * `registerReadModel` and is listed here; `read-model.registration.spec.ts` fails if they disagree.
 */
export const READ_MODELS: readonly ReadModel[] = [
  historicalReadModels,
  pipelineNotesReadModels,
  sessionReadModels,
];

export const allMigrations: Migration[] = READ_MODELS.flatMap((readModel) => readModel.migrations);

export const allProjectors: ProjectorRegistration[] = READ_MODELS.flatMap(
  (readModel) => readModel.projectors,
);
