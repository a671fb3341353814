import { readdir } from 'node:fs/promises';

import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { APP_CONFIG, parseRequest } from '@slipstream/platform';

import { type TelemetryReplayConfig } from '../config/config.schema';
import { ReplayService, type ReplayView } from './replay.service';
import { ReplayControlGuard } from './replay-control.guard';
import { withReplayErrors } from './replay-errors';
import { seekSchema, setSpeedSchema, startReplaySchema } from './replay-request.schemas';

@ApiTags('replays')
@Controller('v1')
export class ReplayController {
  constructor(
    private readonly replays: ReplayService,
    @Inject(APP_CONFIG) private readonly config: TelemetryReplayConfig,
  ) {}

  @Get('recordings')
  @ApiOperation({ summary: 'Recorded sessions available to replay (folders under REPLAY_DIR)' })
  async recordings(): Promise<{ recordings: string[] }> {
    const entries = await readdir(this.config.REPLAY_DIR, { withFileTypes: true }).catch(() => []);
    return {
      recordings: entries
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort(),
    };
  }

  @Get('replays')
  @ApiOperation({ summary: 'Replays in this process and where each one is' })
  list(): { replays: ReplayView[] } {
    return { replays: this.replays.list() };
  }

  @Post('replays')
  @UseGuards(ReplayControlGuard)
  @ApiOperation({ summary: 'Start replaying a recorded session: { session, speed?: number | "max", id? }' })
  start(@Body() body: unknown): Promise<ReplayView> {
    return withReplayErrors(() => this.replays.start(parseRequest(startReplaySchema, body)));
  }

  @Get('replays/:id')
  status(@Param('id') id: string): Promise<ReplayView> {
    return withReplayErrors(() => this.replays.view(id));
  }

  @Post('replays/:id/pause')
  @UseGuards(ReplayControlGuard)
  @HttpCode(200)
  pause(@Param('id') id: string): Promise<ReplayView> {
    return withReplayErrors(() => this.replays.pause(id));
  }

  @Post('replays/:id/resume')
  @UseGuards(ReplayControlGuard)
  @HttpCode(200)
  resume(@Param('id') id: string): Promise<ReplayView> {
    return withReplayErrors(() => this.replays.resume(id));
  }

  @Post('replays/:id/speed')
  @UseGuards(ReplayControlGuard)
  @HttpCode(200)
  speed(@Param('id') id: string, @Body() body: unknown): Promise<ReplayView> {
    const { speed } = parseRequest(setSpeedSchema, body);
    return withReplayErrors(() => this.replays.setSpeed(id, speed));
  }

  @Post('replays/:id/seek')
  @UseGuards(ReplayControlGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Seek: { offsetMs } on the recording scale or { sessionTimeMs } from the session start',
  })
  seek(@Param('id') id: string, @Body() body: unknown): Promise<ReplayView> {
    const target = parseRequest(seekSchema, body);
    return withReplayErrors(() => this.replays.seek(id, target));
  }

  @Delete('replays/:id')
  @UseGuards(ReplayControlGuard)
  stop(@Param('id') id: string): Promise<ReplayView> {
    return withReplayErrors(() => this.replays.stop(id));
  }
}
