import { Module } from '@nestjs/common';

/** The telemetry-replay feature modules; hosted alone or inside the all-in-one. */
@Module({ imports: [] })
export class TelemetryReplayModule {}
