import {
  BadRequestException,
  Controller,
  HttpException,
  HttpStatus,
  PayloadTooLargeException,
  Req,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { type OpenF1Endpoint } from './endpoint';
import { OPENF1_ENDPOINTS as E } from './endpoints';
import { FilterError } from './filter-parser';
import { OpenF1Route } from './openf1-route.decorator';
import { OpenF1Service } from './openf1.service';
import { QueryQueueFullError } from './query-gate';
import { ResponseTooLargeError } from './response-limits';

interface RawRequest {
  originalUrl: string;
}
interface Reply {
  type(contentType: string): unknown;
  setHeader(name: string, value: string): unknown;
}

/**
 * The OpenF1 API over the session read models. Mounted under `OPENF1_PATH_PREFIX` (default
 * `/v1`), so `/v1/laps?session_key=9873&lap_duration<=80` works as against api.openf1.org.
 */
@ApiTags('openf1')
@Controller()
export class OpenF1Controller {
  constructor(private readonly openf1: OpenF1Service) {}

  @OpenF1Route(E.sessions) sessions(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.sessions, q, r);
  }
  @OpenF1Route(E.meetings) meetings(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.meetings, q, r);
  }
  @OpenF1Route(E.drivers) drivers(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.drivers, q, r);
  }
  @OpenF1Route(E.laps) laps(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.laps, q, r);
  }
  @OpenF1Route(E.car_data) carData(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.car_data, q, r);
  }
  @OpenF1Route(E.location) location(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.location, q, r);
  }
  @OpenF1Route(E.position) position(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.position, q, r);
  }
  @OpenF1Route(E.intervals) intervals(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.intervals, q, r);
  }
  @OpenF1Route(E.pit) pit(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.pit, q, r);
  }
  @OpenF1Route(E.stints) stints(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.stints, q, r);
  }
  @OpenF1Route(E.race_control) raceControl(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.race_control, q, r);
  }
  @OpenF1Route(E.weather) weather(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.weather, q, r);
  }
  @OpenF1Route(E.session_result) sessionResult(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.session_result, q, r);
  }
  @OpenF1Route(E.starting_grid) startingGrid(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.starting_grid, q, r);
  }

  @OpenF1Route(E.team_radio) teamRadio(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.team_radio, q, r);
  }

  @OpenF1Route(E.overtakes) overtakes(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(E.overtakes, q, r);
  }

  @OpenF1Route(E.championship_drivers) championshipDrivers(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(E.championship_drivers, q, r);
  }

  @OpenF1Route(E.championship_teams) championshipTeams(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(E.championship_teams, q, r);
  }

  /** Reads the raw query string: OpenF1's operators (`speed>=315`) do not survive a standard parser. */
  private async answer(endpoint: OpenF1Endpoint, request: RawRequest, reply: Reply): Promise<unknown> {
    const at = request.originalUrl.indexOf('?');
    const rawQuery = at < 0 ? '' : request.originalUrl.slice(at + 1);
    try {
      const response = await this.openf1.query(endpoint, rawQuery);
      if (response.kind === 'json') return response.rows;
      reply.type('text/csv; charset=utf-8');
      return response.text;
    } catch (error) {
      throw this.refusal(error, reply);
    }
  }

  /** A clear answer for what the client can change (400, 413) or wait out (503 with Retry-After). */
  private refusal(error: unknown, reply: Reply): unknown {
    if (error instanceof FilterError)
      return new BadRequestException({
        message: `Invalid request: ${error.message}`,
        errors: [{ parameter: error.parameter, problem: error.problem }],
      });
    if (error instanceof ResponseTooLargeError)
      return new PayloadTooLargeException({
        message: `Response too large: ${error.message}`,
        errors: [{ parameter: 'session_key', problem: error.message }],
        maxRows: error.maxRows,
      });
    if (error instanceof QueryQueueFullError) {
      reply.setHeader('Retry-After', String(error.retryAfterSeconds));
      return new HttpException({ message: error.message }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return error;
  }
}
