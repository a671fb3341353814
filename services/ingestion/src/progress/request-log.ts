import { type KV } from '@nats-io/kv';

/**
 * The start times of the requests made to one API host within its longest rate-limit window,
 * kept in NATS KV beside the checkpoints. A backfill killed and started again within the hour
 * reads them back, so the restart does not reset Jolpica's hourly budget.
 */
export class RequestLog {
  private saving: Promise<void> = Promise.resolve();
  private latest: number[] | undefined;
  private warned = false;

  private constructor(
    private readonly kv: KV,
    private readonly key: string,
    private readonly onError: (message: string) => void,
  ) {}

  /** On the ingestion bucket (see `openIngestionBucket`), keyed by the API's host. */
  static on(kv: KV, baseUrl: string, onError: (message: string) => void = () => {}): RequestLog {
    const host = new URL(baseUrl).host.replace(/[^-_a-zA-Z0-9]/g, '_');
    return new RequestLog(kv, `ratelimit.${host}`, onError);
  }

  async load(): Promise<number[]> {
    const entry = await this.kv.get(this.key);
    if (!entry || entry.operation !== 'PUT') return [];
    const times: unknown = JSON.parse(entry.string());
    return Array.isArray(times) ? times.filter((at): at is number => Number.isFinite(at)) : [];
  }

  /** Keeps the latest list; writes are serialized and coalesced, one at a time. */
  record(recent: number[]): void {
    this.latest = recent;
    this.saving = this.saving.then(() => this.writeLatest());
  }

  /** Resolves when every recorded list is written. */
  flush(): Promise<void> {
    return this.saving;
  }

  private async writeLatest(): Promise<void> {
    const recent = this.latest;
    if (!recent) return;
    this.latest = undefined;
    try {
      await this.kv.put(this.key, JSON.stringify(recent));
    } catch (error) {
      // Losing the log costs only pacing across restarts; the backfill itself goes on.
      if (!this.warned) this.onError(`could not keep the request log: ${(error as Error).message}`);
      this.warned = true;
    }
  }
}
