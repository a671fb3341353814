import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import { type Clock, wallClock } from '@slipstream/contracts';

import { JOLPICA_2023_ROUTES, readMrData } from './jolpica-fixture-data';
import { entriesOf, pageItems } from './jolpica-pagination';
import { concatenatedTable, emptyTableAt, type ServedTable } from './jolpica-served-tables';

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
  /** The server's clock at arrival: with a test's virtual clock, the time the client's rate limiter sees. */
  at: number;
  status: number;
  retryAfter?: string;
}

export interface JolpicaFixtureServerOptions {
  /** Stamps each request's arrival; real time unless a test's virtual clock is given. */
  clock?: Pick<Clock, 'now'>;
  /** Jolpica caps `limit` at 100; a smaller cap spreads the small recorded lists over more pages. */
  maxPageSize?: number;
  /**
   * Path (after `/ergast/f1`) → the recorded responses (in libs/historical/fixtures) whose lists it
   * serves, concatenated. The 2023 responses by their season's paths unless given.
   */
  routes?: Record<string, string | readonly string[]>;
  /** A resource's path outside `routes` answers as Jolpica's without data (200, empty list), not 404. */
  emptyWhereUnrouted?: boolean;
  /** The body of a fault that gives a status but no body. */
  faultBody?: (status: number) => string;
}

type Json = Record<string, unknown>;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A local Jolpica serving recorded responses with Jolpica's pagination (limit capped, offset,
 * total over innermost entries, so pages end in the middle of a race), faults injected on demand,
 * and every request recorded.
 */
export class JolpicaFixtureServer {
  readonly requests: RecordedRequest[] = [];
  private readonly options: Required<JolpicaFixtureServerOptions>;
  private readonly faults: Array<{ path: string; offset?: number; fault: InjectedFault }> = [];
  private readonly recorded = new Map<string, Json>();
  private server: Server | undefined;
  private baseUrl = '';

  constructor({
    clock = wallClock,
    maxPageSize = 100,
    routes = JOLPICA_2023_ROUTES,
    emptyWhereUnrouted = false,
    faultBody = () => '',
  }: JolpicaFixtureServerOptions = {}) {
    this.options = { clock, maxPageSize, routes, emptyWhereUnrouted, faultBody };
  }

  /** The next requests for `path`, at any offset, get these answers first, one each. */
  failNext(path: string, ...faults: InjectedFault[]): void {
    this.faults.push(...faults.map((fault) => ({ path, fault })));
  }

  /** The next requests for the page of `path` at `offset` get these answers first, one each. */
  failNextAt(path: string, offset: number, ...faults: InjectedFault[]): void {
    this.faults.push(...faults.map((fault) => ({ path, offset, fault })));
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => this.serve(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ergast/f1`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** How many entries the server holds at this path (what `total` says). */
  totalOf(path: string): number {
    const table = this.tableAt(path);
    return table ? entriesOf(table.items).length : 0;
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/ergast\/f1/, '');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 30), this.options.maxPageSize);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const fault = this.takeFault(path, offset);
    // A fault giving neither status nor body serves the page, after its delay if it has one.
    const answer =
      fault?.status !== undefined || fault?.body !== undefined
        ? this.faultAnswer(fault)
        : this.pageAnswer(path, limit, offset);
    this.requests.push({
      path,
      limit,
      offset,
      at: this.options.clock.now(),
      status: answer.status,
      retryAfter: answer.headers['retry-after'],
    });
    const send = () => {
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    };
    if (fault?.delayMs) setTimeout(send, fault.delayMs);
    else send();
  }

  private takeFault(path: string, offset: number): InjectedFault | undefined {
    const index = this.faults.findIndex(
      (entry) => entry.path === path && (entry.offset === undefined || entry.offset === offset),
    );
    return index >= 0 ? this.faults.splice(index, 1)[0].fault : undefined;
  }

  private faultAnswer({ status = 200, retryAfter, body }: InjectedFault): Answer {
    return {
      status,
      headers: retryAfter ? { 'retry-after': retryAfter } : {},
      body: body ?? this.options.faultBody(status),
    };
  }

  private pageAnswer(path: string, limit: number, offset: number): Answer {
    const headers = { 'content-type': 'application/json' };
    const table = this.tableAt(path);
    if (!table) return { status: 404, headers, body: 'Not found' };
    const entries = entriesOf(table.items);
    const { tableKey, listKey, fields } = table;
    const page = {
      MRData: {
        xmlns: '',
        series: 'f1',
        url: `${this.baseUrl}${path}`,
        limit: String(limit),
        offset: String(offset),
        total: String(entries.length),
        [tableKey]: { ...fields, [listKey]: pageItems(entries.slice(offset, offset + limit)) },
      },
    };
    return { status: 200, headers, body: JSON.stringify(page) };
  }

  /** The whole list served at `path`; undefined where the server answers 404. */
  private tableAt(path: string): ServedTable | undefined {
    const route = this.options.routes[path];
    if (!route) return this.options.emptyWhereUnrouted ? emptyTableAt(path) : undefined;
    return concatenatedTable((typeof route === 'string' ? [route] : route).map((file) => this.read(file)));
  }

  /** A recorded response's MRData, read once per server. */
  private read(file: string): Json {
    let mrData = this.recorded.get(file);
    if (!mrData) {
      mrData = readMrData(file);
      this.recorded.set(file, mrData);
    }
    return mrData;
  }
}
