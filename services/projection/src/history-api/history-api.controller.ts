import { BadRequestException, Controller, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { HistoryApiService } from './history-api.service';
import { InvalidParameters } from './history-query-parser';
import { type HistoryRoute } from './history-route';
import { HistoryRouteDoc } from './history-route.decorator';
import { HISTORY_ROUTES as R } from './routes';

interface RawRequest {
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Reply {
  type(contentType: string): unknown;
  setHeader(name: string, value: string): unknown;
}

/**
 * The history query API over the historical read models, under `/v1/history/`: dimensions, facts,
 * standings and marts with filters, pagination, JSON or CSV.
 */
@ApiTags('history')
@Controller('v1/history')
export class HistoryApiController {
  constructor(private readonly history: HistoryApiService) {}

  @HistoryRouteDoc(R.seasons) seasons(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R.seasons, q, r);
  }
  @HistoryRouteDoc(R.circuits) circuits(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R.circuits, q, r);
  }
  @HistoryRouteDoc(R.races) races(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R.races, q, r);
  }
  @HistoryRouteDoc(R.drivers) drivers(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R.drivers, q, r);
  }
  @HistoryRouteDoc(R.constructors) constructors(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R.constructors, q, r);
  }
  @HistoryRouteDoc(R.statuses) statuses(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R.statuses, q, r);
  }
  @HistoryRouteDoc(R.results) results(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R.results, q, r);
  }
  @HistoryRouteDoc(R['sprint-results']) sprintResults(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['sprint-results'], q, r);
  }
  @HistoryRouteDoc(R.qualifying) qualifying(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R.qualifying, q, r);
  }
  @HistoryRouteDoc(R.laps) laps(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R.laps, q, r);
  }
  @HistoryRouteDoc(R['fastest-laps']) fastestLaps(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['fastest-laps'], q, r);
  }
  @HistoryRouteDoc(R['pit-stops']) pitStops(@Req() q: RawRequest, @Res({ passthrough: true }) r: Reply) {
    return this.answer(R['pit-stops'], q, r);
  }
  @HistoryRouteDoc(R['driver-standings']) driverStandings(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['driver-standings'], q, r);
  }
  @HistoryRouteDoc(R['constructor-standings']) constructorStandings(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['constructor-standings'], q, r);
  }
  @HistoryRouteDoc(R['standings-adjustments']) standingsAdjustments(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['standings-adjustments'], q, r);
  }
  @HistoryRouteDoc(R['driver-season-performance']) driverSeasonPerformance(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['driver-season-performance'], q, r);
  }
  @HistoryRouteDoc(R['constructor-season-performance']) constructorSeasonPerformance(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['constructor-season-performance'], q, r);
  }
  @HistoryRouteDoc(R['standings-progression']) standingsProgression(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['standings-progression'], q, r);
  }
  @HistoryRouteDoc(R['teammate-head-to-head']) teammateHeadToHead(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['teammate-head-to-head'], q, r);
  }
  @HistoryRouteDoc(R['pit-stop-performance']) pitStopPerformance(
    @Req() q: RawRequest,
    @Res({ passthrough: true }) r: Reply,
  ) {
    return this.answer(R['pit-stop-performance'], q, r);
  }

  /** Reads the raw query string: every parameter must be known, so nothing may be dropped or merged first. */
  private async answer(route: HistoryRoute, request: RawRequest, reply: Reply): Promise<unknown> {
    const at = request.originalUrl.indexOf('?');
    const rawQuery = at < 0 ? '' : request.originalUrl.slice(at + 1);
    try {
      const response = await this.history.query(route, rawQuery, acceptsCsv(request) ? 'csv' : 'json');
      reply.setHeader('X-Total-Count', String(response.page.total));
      if (response.page.next) reply.setHeader('Link', `<${response.page.next}>; rel="next"`);
      if (response.format === 'json') return response.page;
      reply.type('text/csv; charset=utf-8');
      return response.csv;
    } catch (error) {
      if (!(error instanceof InvalidParameters)) throw error;
      throw new BadRequestException({
        message: `Invalid request: ${error.message}`,
        errors: error.problems.map(({ parameter, problem }) => ({ parameter, problem })),
      });
    }
  }
}

/** CSV when the client prefers it over JSON (`Accept: text/csv`); JSON for any other, absent or mixed Accept. */
function acceptsCsv(request: RawRequest): boolean {
  const accept = String(request.headers.accept ?? '').toLowerCase();
  return accept.includes('text/csv') && !accept.includes('application/json');
}
