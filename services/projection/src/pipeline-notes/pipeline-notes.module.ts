import { Module } from '@nestjs/common';

import { registerReadModel } from '../events/read-model.registration';
import { pipelineNotesReadModels } from './pipeline-notes.read-models';

@Module({ providers: [registerReadModel('pipeline-notes', pipelineNotesReadModels)] })
export class PipelineNotesModule {}
