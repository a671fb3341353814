import { Module } from '@nestjs/common';

import { PipelineNotesModule } from './pipeline-notes/pipeline-notes.module';

/** Every normalizer, one feature module per source; hosted alone or inside the all-in-one. */
@Module({ imports: [PipelineNotesModule] })
export class NormalizationModule {}
