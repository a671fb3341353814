import {
  BadGatewayException,
  Body,
  Controller,
  Get,
  HttpException,
  NotFoundException,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { LiveTimingAccessError } from '@slipstream/livetiming-access';
import { parseRequest } from '@slipstream/platform';

import { ReplayControlGuard } from '../replay/replay-control.guard';
import { ArchiveService, type DownloadableSession } from './archive.service';

const year = z.coerce.number().int().min(2018).max(2100);
const downloadSchema = z.object({
  year,
  meeting: z.string().min(1).max(100),
  session: z.string().min(1).max(100),
});

/** Beside GET /v1/recordings: the sessions F1's archive holds, and downloading one into REPLAY_DIR. */
@ApiTags('replays')
@Controller('v1/recordings')
export class ArchiveController {
  constructor(private readonly archive: ArchiveService) {}

  @Get('downloadable')
  @ApiOperation({
    summary: "Sessions of a season in F1's archive (?year=), and whether each is already local",
  })
  async downloadable(
    @Query('year') query: unknown,
  ): Promise<{ year: number; sessions: DownloadableSession[] }> {
    const season = parseRequest(z.object({ year }), { year: query }).year;
    return { year: season, sessions: await explained(() => this.archive.list(season)) };
  }

  @Post('downloads')
  @UseGuards(ReplayControlGuard)
  @ApiOperation({
    summary: 'Download a session from the archive into REPLAY_DIR: { year, meeting, session }',
  })
  download(@Body() body: unknown) {
    const request = parseRequest(downloadSchema, body);
    return explained(() => this.archive.download(request.year, request.meeting, request.session));
  }
}

/** F1's refusals are a bad gateway (the message names the cause); an unknown session a 404. */
async function explained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpException) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof LiveTimingAccessError) throw new BadGatewayException(message);
    if (/^no (meeting|session)|matches several|has no index/.test(message))
      throw new NotFoundException(message);
    throw new BadGatewayException(message);
  }
}
