import { type Clock, wallClock } from '@slipstream/contracts';
import { type JolpicaResource } from '@slipstream/historical';
import { backoffDelay } from '@slipstream/messaging';

import { jolpicaPath, type JolpicaQuery } from './jolpica-paths';
import { type MrDataPage, parseMrDataPage } from './mr-data-page';
import {
  JOLPICA_PUBLISHED_LIMITS,
  type RateLimit,
  RateLimiter,
  type RateLimiterHistory,
} from './rate-limiter';

export const JOLPICA_BASE_URL = 'https://api.jolpi.ca/ergast/f1';
/** Jolpica serves at most 100 entries per page whatever `limit` asks for. */
export const JOLPICA_MAX_PAGE_SIZE = 100;

export interface JolpicaClientOptions {
  baseUrl?: string;
  pageSize?: number;
  /** Defaults to Jolpica's published burst and hourly limits. */
  limits?: readonly RateLimit[];
  limitPaddingMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  requestTimeoutMs?: number;
  clock?: Clock;
  random?: () => number;
  /** Requests made by earlier processes, and where to keep this one's (see RequestLog). */
  limiterHistory?: RateLimiterHistory;
  onRetry?: (retry: { url: string; attempt: number; reason: string; waitMs: number }) => void;
}

/** A request that failed for good: a 4xx other than 429, or a 429/5xx/timeout after every attempt. */
export class JolpicaRequestError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | null,
    readonly attempts: number,
    reason: string,
  ) {
    super(`Jolpica request ${url} failed after ${attempts} attempt(s): ${reason}`);
    this.name = 'JolpicaRequestError';
  }
}

type Attempt =
  | { page: MrDataPage }
  | { retryable: boolean; retryAfterMs: number | null; status: number | null; reason: string };

/**
 * Reads the Ergast-compatible Jolpica API page by page within its rate limits. Plain class over
 * `fetch`, so the ingestion service, a CLI or a test can use it alike.
 */
export class JolpicaClient {
  private readonly baseUrl: string;
  private readonly pageSize: number;
  private readonly limiter: RateLimiter;
  private readonly clock: Clock;

  constructor(private readonly options: JolpicaClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? JOLPICA_BASE_URL).replace(/\/+$/, '');
    this.pageSize = Math.min(options.pageSize ?? JOLPICA_MAX_PAGE_SIZE, JOLPICA_MAX_PAGE_SIZE);
    if (this.pageSize < 1) throw new Error('pageSize must be at least 1');
    this.clock = options.clock ?? wallClock;
    this.limiter = new RateLimiter(
      options.limits ?? JOLPICA_PUBLISHED_LIMITS,
      this.clock,
      options.limitPaddingMs ?? 100,
      options.limiterHistory,
    );
  }

  /** Every page of a resource, following `offset` until `total`. */
  async *pages(resource: JolpicaResource, query: JolpicaQuery = {}): AsyncGenerator<MrDataPage> {
    let offset = 0;
    for (;;) {
      const page = await this.fetchPage(resource, query, offset);
      yield page;
      offset += page.limit > 0 ? page.limit : this.pageSize;
      if (offset >= page.total) return;
    }
  }

  async fetchAll(resource: JolpicaResource, query: JolpicaQuery = {}): Promise<unknown[]> {
    const items: unknown[] = [];
    for await (const page of this.pages(resource, query)) items.push(...page.items);
    return items;
  }

  async fetchPage(resource: JolpicaResource, query: JolpicaQuery, offset: number): Promise<MrDataPage> {
    const url = `${this.baseUrl}${jolpicaPath(resource, query)}?limit=${this.pageSize}&offset=${offset}`;
    const maxAttempts = this.options.maxAttempts ?? 6;
    for (let attempt = 1; ; attempt += 1) {
      const answered = await this.limiter.acquire();
      const outcome = await this.attempt(url).finally(answered);
      if ('page' in outcome) return outcome.page;
      if (!outcome.retryable || attempt >= maxAttempts)
        throw new JolpicaRequestError(url, outcome.status, attempt, outcome.reason);
      const waitMs =
        outcome.retryAfterMs ??
        backoffDelay(
          attempt,
          this.options.backoffBaseMs ?? 1_000,
          this.options.backoffMaxMs ?? 60_000,
          this.options.random,
        );
      this.options.onRetry?.({ url, attempt, reason: outcome.reason, waitMs });
      await this.clock.sleep(waitMs);
    }
  }

  private async attempt(url: string): Promise<Attempt> {
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
      });
      body = await response.text();
    } catch (error) {
      const timedOut =
        error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const reason = timedOut ? 'timed out' : `network error: ${(error as Error).message}`;
      return { retryable: true, retryAfterMs: null, status: null, reason };
    }
    if (response.status === 429) {
      const retryAfterMs = this.retryAfterMs(response.headers.get('retry-after'));
      return { retryable: true, retryAfterMs, status: 429, reason: 'HTTP 429 Too Many Requests' };
    }
    if (!response.ok) {
      const reason = `HTTP ${response.status}${response.status >= 500 ? '' : `: ${body.slice(0, 200)}`}`;
      return { retryable: response.status >= 500, retryAfterMs: null, status: response.status, reason };
    }
    return { page: parseMrDataPage(url, body) };
  }

  /** `Retry-After` as seconds or as an HTTP date; null when absent or unreadable, so backoff applies. */
  private retryAfterMs(header: string | null): number | null {
    if (header === null) return null;
    if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
    const at = Date.parse(header);
    return Number.isNaN(at) ? null : Math.max(0, at - this.clock.now());
  }
}
