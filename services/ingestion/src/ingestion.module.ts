import { Module } from '@nestjs/common';

/** The ingestion feature modules; hosted alone or inside the all-in-one. */
@Module({ imports: [] })
export class IngestionModule {}
