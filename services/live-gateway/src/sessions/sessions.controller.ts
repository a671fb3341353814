import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { GatewayTokenGuard } from '../guards/gateway-token.guard';
import { SessionCatalog } from './session-catalog.service';
import { type SessionSummary } from './session-summary';

/*
 * Under /v1/feed/sessions because /v1/sessions is the OpenF1-compatible API's (projection, ADR 6);
 * /v1/sessions/live has no OpenF1 counterpart and is also served there, as the issue named it.
 */
@ApiTags('live')
@Controller('v1/feed/sessions')
@UseGuards(GatewayTokenGuard)
export class SessionsController {
  constructor(private readonly catalog: SessionCatalog) {}

  @Get()
  @ApiOperation({ summary: 'Sessions in the event store, live ones first' })
  async all(): Promise<{ sessions: SessionSummary[] }> {
    return { sessions: await this.catalog.all() };
  }

  @Get('live')
  @ApiOperation({ summary: 'Sessions live or replaying now (messages within the last minutes, not ended)' })
  live(): { sessions: SessionSummary[] } {
    return { sessions: this.catalog.live() };
  }
}

/** `GET /v1/sessions/live`: the same answer as `/v1/feed/sessions/live`. */
@ApiTags('live')
@Controller('v1/sessions')
@UseGuards(GatewayTokenGuard)
export class LiveSessionsController {
  constructor(private readonly catalog: SessionCatalog) {}

  @Get('live')
  @ApiOperation({ summary: 'Sessions live or replaying now (alias of /v1/feed/sessions/live)' })
  live(): { sessions: SessionSummary[] } {
    return { sessions: this.catalog.live() };
  }
}
