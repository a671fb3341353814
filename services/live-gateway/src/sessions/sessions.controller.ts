import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { GatewayTokenGuard } from '../guards/gateway-token.guard';
import { SessionCatalog } from './session-catalog.service';
import { type SessionSummary } from './session-summary';

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
