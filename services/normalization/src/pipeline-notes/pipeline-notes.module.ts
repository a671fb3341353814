import { Module } from '@nestjs/common';

import { PipelineNotesConsumer } from './pipeline-notes.consumer';

@Module({ providers: [PipelineNotesConsumer] })
export class PipelineNotesModule {}
