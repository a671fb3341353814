import { Module } from '@nestjs/common';

import { ArchiveModule } from './archive/archive.module';
import { ReplayModule } from './replay/replay.module';

/** Recorded sessions replayed onto RAW; hosted alone or inside the all-in-one. */
@Module({ imports: [ReplayModule, ArchiveModule] })
export class TelemetryReplayModule {}
