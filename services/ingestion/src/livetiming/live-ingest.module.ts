import { Module } from '@nestjs/common';

import { LiveIngestService } from './live-ingest.service';

@Module({ providers: [LiveIngestService] })
export class LiveIngestModule {}
