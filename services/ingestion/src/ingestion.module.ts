import { Module } from '@nestjs/common';

import { LiveIngestModule } from './livetiming/live-ingest.module';

/** The ingestion feature modules; hosted alone or inside the all-in-one. */
@Module({ imports: [LiveIngestModule] })
export class IngestionModule {}
