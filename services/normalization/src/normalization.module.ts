import { Module } from '@nestjs/common';

import { HistoricalNormalizationModule } from './historical/historical.module';
import { LivetimingNormalizationModule } from './livetiming/livetiming.module';
import { PipelineNotesModule } from './pipeline-notes/pipeline-notes.module';

/** Every normalizer, one feature module per source; hosted alone or inside the all-in-one. */
@Module({ imports: [PipelineNotesModule, LivetimingNormalizationModule, HistoricalNormalizationModule] })
export class NormalizationModule {}
