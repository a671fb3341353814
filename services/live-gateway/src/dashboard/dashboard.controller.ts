import { readFile } from 'node:fs/promises';
import { type ServerResponse } from 'node:http';
import { join } from 'node:path';

import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** `public/` sits beside `src/` and `dist/`, so the same relative path works from both. */
export const PUBLIC_DIR = join(__dirname, '../../public');

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** Plain file names only: no slashes or dots beyond the extension, so nothing outside `public/` is reachable. */
const ASSET_NAME = /^[a-z0-9-]+\.(js|css|svg)$/;

/**
 * Serves the dashboard: static files, no build step. The Socket.io browser client comes from the
 * JSON socket server itself (`/socket.io/socket.io.min.js`, from socket.io's client-dist).
 */
@ApiExcludeController()
@Controller()
export class DashboardController {
  @Get()
  async index(@Res() response: ServerResponse): Promise<void> {
    await send(response, join(PUBLIC_DIR, 'index.html'), 'html');
  }

  @Get('dashboard/:asset')
  async asset(@Param('asset') asset: string, @Res() response: ServerResponse): Promise<void> {
    const match = ASSET_NAME.exec(asset);
    if (!match) throw new NotFoundException(`no dashboard asset ${asset}`);
    await send(response, join(PUBLIC_DIR, 'dashboard', asset), match[1]);
  }
}

async function send(response: ServerResponse, file: string, extension: string): Promise<void> {
  const body = await readFile(file).catch(() => null);
  if (!body) throw new NotFoundException(`not found: ${file.slice(PUBLIC_DIR.length)}`);
  response.setHeader('content-type', CONTENT_TYPES[extension]);
  // Small files, changed with each release: revalidate rather than cache stale code.
  response.setHeader('cache-control', 'no-cache');
  response.end(body);
}
