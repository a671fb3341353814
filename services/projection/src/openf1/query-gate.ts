/** Too many queries are running and waiting already; the client should come back shortly. */
export class QueryQueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many OpenF1 queries are running or waiting; try again shortly');
    this.name = 'QueryQueueFullError';
  }
}

/**
 * At most `concurrency` queries at once, the rest in arrival order, at most `maxQueued` of them.
 * Embedded ClickHouse runs one query at a time per process, and the health check's ping is a
 * query too: with the queries of heavy requests taking turns here, the ping waits for one of
 * them at most, never for a pile of them.
 */
export class QueryGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new QueryQueueFullError(1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `running` only drops when none wait.
      if (next) next();
      else this.running -= 1;
    }
  }
}
