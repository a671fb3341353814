import { type Agent, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import {
  AbortError,
  HttpClient,
  HttpError,
  type HttpRequest,
  HttpResponse,
  TimeoutError,
} from '@microsoft/signalr';

/**
 * The HTTP side of @microsoft/signalr (negotiate) over node:http(s), so that it can go through a
 * proxy agent (the library's fetch client cannot), and so that the status of a refused negotiate
 * reaches us intact (the library folds it into a message). Cookies F1's load balancer sets on
 * negotiate are sent back on the WebSocket, as the library's own client does.
 */
export class AgentHttpClient extends HttpClient {
  private cookies = new Map<string, string>();

  constructor(
    private readonly agent: Agent | undefined,
    private readonly onStatus: (status: number, url: string) => void = () => undefined,
  ) {
    super();
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    if (request.abortSignal?.aborted) return Promise.reject(new AbortError());
    const url = new URL(request.url!);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const cookie = this.getCookieString();
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = send(
        url,
        {
          method: request.method,
          agent: this.agent,
          headers: { ...(request.headers ?? {}), ...(cookie ? { cookie } : {}) },
          timeout: request.timeout || 100_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            this.remember(res.headers['set-cookie']);
            this.onStatus(status, url.pathname);
            const body = Buffer.concat(chunks);
            if (status < 200 || status > 299) {
              reject(new HttpError(res.statusMessage || `HTTP ${status}`, status));
              return;
            }
            const content =
              request.responseType === 'arraybuffer'
                ? body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)
                : body.toString('utf8');
            resolve(new HttpResponse(status, res.statusMessage ?? '', content));
          });
        },
      );
      req.on('timeout', () => req.destroy(new TimeoutError()));
      req.on('error', reject);
      if (request.abortSignal) request.abortSignal.onabort = () => req.destroy(new AbortError());
      if (request.content !== undefined)
        req.write(typeof request.content === 'string' ? request.content : Buffer.from(request.content));
      req.end();
    });
  }

  override getCookieString(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(setCookie: string[] | undefined): void {
    for (const header of setCookie ?? []) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
}
