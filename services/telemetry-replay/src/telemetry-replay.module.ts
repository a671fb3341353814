import { Module } from '@nestjs/common';

import { ReplayModule } from './replay/replay.module';

/** Recorded sessions replayed onto RAW; hosted alone or inside the all-in-one. */
@Module({ imports: [ReplayModule] })
export class TelemetryReplayModule {}
