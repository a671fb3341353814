import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { JOLPICA_2023_ROUTES, readMrData } from './jolpicaFixtureData';
import { entriesOf, pageItems } from './jolpicaPagination';

export interface InjectedFault {
  status?: number;
  retryAfter?: string;
  body?: string;
  /** Answer only after this many real milliseconds, to trip the client's timeout. */
  delayMs?: number;
}

export interface RecordedRequest {
  path: string;
  limit: number;
  offset: number;
  /** The test's clock at arrival: the virtual time the client's rate limiter works in. */
  at: number;
}

type Json = Record<string, unknown>;

/**
 * A local Jolpica serving the recorded 2023 responses with Jolpica's pagination (limit capped at
 * 100, offset, total over innermost entries), faults injected on demand, and every request recorded.
 */
export class JolpicaFixtureServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Array<{ path: string; fault: InjectedFault }> = [];
  private server: Server | undefined;
  private baseUrl = '';

  constructor(private readonly now: () => number) {}

  /** The next requests for `path` (in order) get these answers instead of data. */
  failNext(path: string, ...faults: InjectedFault[]): void {
    this.faults.push(...faults.map((fault) => ({ path, fault })));
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/^\/ergast\/f1/, '');
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 30), 100);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      this.requests.push({ path, limit, offset, at: this.now() });
      const index = this.faults.findIndex((fault) => fault.path === path);
      const fault = index >= 0 ? this.faults.splice(index, 1)[0].fault : undefined;
      const answer = () => {
        if (fault?.status !== undefined || fault?.body !== undefined) {
          response.writeHead(
            fault.status ?? 200,
            fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
          );
          response.end(fault.body ?? '');
          return;
        }
        const body = this.page(path, limit, offset);
        response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
        response.end(body ? JSON.stringify(body) : 'Not found');
      };
      if (fault?.delayMs) setTimeout(answer, fault.delayMs);
      else answer();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ergast/f1`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private page(path: string, limit: number, offset: number): { MRData: Json } | undefined {
    const route = JOLPICA_2023_ROUTES[path];
    if (!route) return undefined;
    const responses = (Array.isArray(route) ? route : [route]).map(readMrData);
    const tableKey = Object.keys(responses[0]).find((key) => key.endsWith('Table'))!;
    const table = responses[0][tableKey] as Json;
    const listKey = Object.keys(table).find((key) => Array.isArray(table[key]))!;
    const entries = entriesOf(
      responses.flatMap((response) => (response[tableKey] as Json)[listKey] as Json[]),
    );
    const { [listKey]: _list, ...tableFields } = table;
    if (Array.isArray(route)) delete tableFields.round;
    return {
      MRData: {
        xmlns: '',
        series: 'f1',
        url: `${this.baseUrl}${path}`,
        limit: String(limit),
        offset: String(offset),
        total: String(entries.length),
        [tableKey]: { ...tableFields, [listKey]: pageItems(entries.slice(offset, offset + limit)) },
      },
    };
  }
}
