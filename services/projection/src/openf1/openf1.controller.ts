import {
  BadRequestException,
  Controller,
  HttpException,
  HttpStatus,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { type OpenF1Endpoint } from './endpoint';
import { OPENF1_ENDPOINTS } from './endpoints';
import { FilterError } from './filter-parser';
import { OpenF1Service } from './openf1.service';
import { addOpenF1Routes, type OpenF1Answerer, type RawRequest, type Reply } from './openf1-routes';
import { QueryQueueFullError } from './query-gate';
import { ResponseTooLargeError } from './response-limits';

/**
 * The OpenF1 API over the session read models: a route per endpoint of `OPENF1_ENDPOINTS` (added
 * below). Mounted under `OPENF1_PATH_PREFIX` (default `/v1`), so
 * `/v1/laps?session_key=9873&lap_duration<=80` works as against api.openf1.org.
 */
@ApiTags('openf1')
@Controller()
export class OpenF1Controller implements OpenF1Answerer {
  constructor(private readonly openf1: OpenF1Service) {}

  /** Reads the raw query string: OpenF1's operators (`speed>=315`) do not survive a standard parser. */
  async answer(endpoint: OpenF1Endpoint, request: RawRequest, reply: Reply): Promise<unknown> {
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

addOpenF1Routes(OpenF1Controller, Object.values(OPENF1_ENDPOINTS));
