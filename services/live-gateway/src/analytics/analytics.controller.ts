import { readFile } from 'node:fs/promises';
import { type ServerResponse } from 'node:http';
import { join } from 'node:path';

import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { PUBLIC_DIR } from '../dashboard/dashboard.controller';

const ANALYTICS_DIR = join(PUBLIC_DIR, 'analytics');

/** The pages: `/analytics` is the index, the others read their state from the query string. */
const PAGES = new Set(['season', 'race', 'laps']);

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** Plain file names only, so nothing outside `public/analytics/` is reachable. */
const ASSET_NAME = /^[a-z0-9-]+\.(js|css)$/;

/**
 * The charting library's browser bundle, straight from node_modules (no CDN, no build step): the
 * pinned `echarts` package is a runtime dependency, so it is in every image that runs this service.
 */
const VENDOR: Record<string, string> = { 'echarts.min.js': 'echarts/dist/echarts.min.js' };

/**
 * Serves the analytics pages (season, race or session, two laps) on the dashboard's origin. They
 * are static files that read the public query APIs (`/v1/history/…`, `/v1/…` OpenF1-style) from
 * the browser; see docs/analytics.md.
 */
@ApiExcludeController()
@Controller('analytics')
export class AnalyticsController {
  @Get()
  async index(@Res() response: ServerResponse): Promise<void> {
    await send(response, join(ANALYTICS_DIR, 'index.html'), 'html');
  }

  @Get('vendor/:file')
  async vendor(@Param('file') file: string, @Res() response: ServerResponse): Promise<void> {
    const module = VENDOR[file];
    if (!module) throw new NotFoundException(`no vendor file ${file}`);
    await send(response, require.resolve(module), 'js');
  }

  @Get('assets/:asset')
  async asset(@Param('asset') asset: string, @Res() response: ServerResponse): Promise<void> {
    const match = ASSET_NAME.exec(asset);
    if (!match) throw new NotFoundException(`no analytics asset ${asset}`);
    await send(response, join(ANALYTICS_DIR, asset), match[1]);
  }

  @Get(':page')
  async page(@Param('page') page: string, @Res() response: ServerResponse): Promise<void> {
    if (!PAGES.has(page)) throw new NotFoundException(`no analytics page ${page}`);
    await send(response, join(ANALYTICS_DIR, `${page}.html`), 'html');
  }
}

async function send(response: ServerResponse, file: string, extension: string): Promise<void> {
  const body = await readFile(file).catch(() => null);
  if (!body) throw new NotFoundException(`not found: analytics ${extension} file`);
  response.setHeader('content-type', CONTENT_TYPES[extension]);
  response.setHeader('cache-control', 'no-cache');
  response.end(body);
}
