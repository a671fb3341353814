import { type Agent, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { accessError } from './access-errors';
import { type AccessToken } from './access-token';
import { proxyAgentFor } from './proxy';

export interface ArchiveHttpOptions {
  /** `https://livetiming.formula1.com/static` */
  baseUrl: string;
  token?: AccessToken;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * GETs from F1's session archive with the same token and proxy handling as the live feed. Since
 * October 2026 the archive wants the F1 TV token too, and may refuse cloud address ranges (403).
 */
export class ArchiveHttp {
  private readonly agent: Agent | undefined;

  constructor(private readonly options: ArchiveHttpOptions) {
    this.agent = proxyAgentFor(options.baseUrl, options.env ?? process.env);
  }

  url(path: string): string {
    return `${this.options.baseUrl.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  }

  /** The whole body of a path; undefined for 404 (the archive has no such file). */
  async text(path: string): Promise<string | undefined> {
    const response = await this.open(path);
    if (response.statusCode === 404) {
      response.resume();
      return undefined;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  /** The response for a path, from byte `from` on when given (206 if the server honours it). */
  async open(path: string, from = 0): Promise<IncomingMessage> {
    const url = new URL(this.url(path));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { 'user-agent': 'slipstream-archive-download' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token.value}`;
    if (from > 0) headers.range = `bytes=${from}-`;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(
        url,
        { agent: this.agent, headers, timeout: this.options.timeoutMs ?? 60_000 },
        resolve,
      );
      req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} within the timeout`)));
      req.on('error', reject);
      req.end();
    });
    const status = response.statusCode ?? 0;
    const refused = accessError(status, 'the session archive', this.options.token);
    if (refused) {
      response.resume();
      throw refused;
    }
    if (status >= 400 && status !== 404 && status !== 416) {
      response.resume();
      throw new Error(`the session archive answered ${status} for ${url.pathname}`);
    }
    return response;
  }
}
