import { type Consumer, type JetStreamClient } from '@nats-io/jetstream';

import { type DlqStage, HEADERS } from '@slipstream/contracts';

import { backoffDelay, sleep } from './backoff';
import { ConsumedMessage } from './consumed-message';
import { type DeadLetterPublisher } from './dead-letters';
import { describeError, isPermanent } from './errors';
import { type MessagingObserver, noopObserver } from './observer';
import { attachWhenAvailable, type JetStreamReadiness } from './readiness';

export interface ConsumerRunOptions {
  stream: string;
  durable: string;
  stage: DlqStage;
  batchSize: number;
  fetchExpiresMs: number;
  maxDeliver: number;
  /** Retries inside the process before a nak: they keep order, a nak lets later messages overtake. */
  inProcessRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * `fetch` (default): wait up to `fetchExpiresMs` to fill a batch, for few large inserts.
   * `stream`: hand over whatever has arrived as soon as the handler is free, for low latency
   * (live timing); batches still grow to `batchSize` when messages arrive faster than handled.
   */
  delivery?: 'fetch' | 'stream';
}

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

export interface BatchOutcome {
  /** Messages the handler could not use; the rest of the batch is acked. */
  failed: Array<{ message: ConsumedMessage; error: unknown }>;
}

/** Handles a whole batch at once (one ClickHouse insert); throwing means "nothing stored, retry all". */
export type BatchHandler = (messages: ConsumedMessage[]) => Promise<BatchOutcome | void>;

/**
 * Every service's consumer takes batches today; `message` stays on purpose. It is the one mode in
 * which a failing message holds back those after it (retried in process, then nak'd together), so
 * a stage that must see its subject strictly in order has it; in `batch`, the rest of the batch is
 * acked and overtakes the failure. It is also `@JetStreamConsumer`'s default, and the messaging
 * integration spec checks the per-message dead-letter rules through it.
 */
export type ConsumerHandler =
  | { kind: 'message'; handle: MessageHandler }
  | { kind: 'batch'; handle: BatchHandler };

export interface RunnerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * The pull-consumer loop: fetch a batch, hand it over, ack only what was handled, retry transient
 * failures with backoff, and dead-letter what cannot succeed (at once when permanent, otherwise
 * after `maxDeliver` deliveries).
 */
export class PullConsumerRunner {
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(
    private readonly js: JetStreamClient,
    private readonly options: ConsumerRunOptions,
    private readonly handler: ConsumerHandler,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly logger: RunnerLogger,
    private readonly observer: MessagingObserver = noopObserver,
    private readonly readiness?: JetStreamReadiness,
  ) {}

  get name(): string {
    return `${this.options.stream}/${this.options.durable}`;
  }

  start(): void {
    this.readiness?.waitingFor(this.name, 'not attached yet');
    this.loop ??= this.run().catch((error: unknown) => {
      this.logger.error({ consumer: this.name, err: describeError(error) }, 'consumer loop stopped');
    });
  }

  /** Finishes the batch in hand, then stops fetching. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    // The durable may not exist yet (provisioned after the service started): wait for it.
    const consumer = await attachWhenAvailable(
      () => this.js.consumers.get(this.options.stream, this.options.durable),
      {
        name: this.name,
        readiness: this.readiness,
        signal: this.abort.signal,
        onWaiting: (attempt, err, retryInMs) => {
          if (attempt === 1 || attempt % 10 === 0)
            this.logger.warn({ consumer: this.name, err, attempt, retryInMs }, 'consumer not available yet');
        },
      },
    );
    if (!consumer) return;
    if (this.readiness) this.logger.info({ consumer: this.name }, 'consumer attached');
    // `fetch` lingers to fill its batches (few large inserts); `stream` hands over what has arrived.
    const lingerMs = this.options.delivery === 'stream' ? 0 : this.options.fetchExpiresMs;
    while (!this.stopping) {
      try {
        await this.consumeBatches(consumer, lingerMs);
      } catch (error) {
        this.logger.warn({ consumer: this.name, err: describeError(error) }, 'consume failed, retrying');
        await sleep(1_000, this.abort.signal);
      }
    }
  }

  /**
   * One `consume()` for as long as it lasts, cut into batches. `fetch()` is not used: when a busy
   * event loop (a large insert) misses two of its idle heartbeats, a fetch stops with an error and
   * the messages the server had already sent it sit un-acked until `ack_wait` (30 s) redelivers
   * them; `consume()` re-pulls instead and loses nothing. With `lingerMs`, a batch waits up to that
   * long after its first message to fill; without, it takes only what is already buffered.
   */
  private async consumeBatches(consumer: Consumer, lingerMs: number): Promise<void> {
    const { batchSize } = this.options;
    const messages = await consumer.consume({
      max_messages: batchSize,
      expires: Math.max(1_000, this.options.fetchExpiresMs),
    });
    const stop = () => void messages.stop();
    this.abort.signal.addEventListener('abort', stop, { once: true });
    const iterator = messages[Symbol.asyncIterator]();
    // At most one `next()` outstanding; a linger that times out leaves it for the next batch. It is
    // marked handled, so a failure while a batch is being handled is not an unhandled rejection:
    // it is thrown where it is awaited.
    const pull = () => {
      const pending = iterator.next();
      pending.catch(() => undefined);
      return pending;
    };
    let next = pull();
    let batch: ConsumedMessage[] = [];
    try {
      for (;;) {
        const first = await next;
        if (first.done) break;
        batch = [new ConsumedMessage(first.value)];
        next = pull();
        let ended = false;
        const linger = lingerMs > 0 ? timer(lingerMs) : undefined;
        try {
          while (batch.length < batchSize) {
            // Without a linger, only what is already buffered joins the batch: a buffered message
            // resolves `next` within microtasks, before the next turn of the event loop. (The
            // iterator's pending count can stay above zero with nothing buffered, so it only
            // says when there is surely nothing.)
            if (!linger && messages.getPending() === 0) break;
            const result = await Promise.race([next, linger?.done ?? nextTurn()]);
            if (result === LINGER_OVER) break;
            if (result.done) {
              ended = true;
              break;
            }
            batch.push(new ConsumedMessage(result.value));
            next = pull();
          }
        } finally {
          linger?.cancel();
        }
        const ready = batch;
        // Cleared first: a batch whose handling threw is left to redelivery, not handled again below.
        batch = [];
        await this.handleFetched(ready);
        if (ended || this.stopping) break;
      }
      // Stopped with messages buffered but not handled: they are redelivered after ack_wait.
    } finally {
      this.abort.signal.removeEventListener('abort', stop);
      // A consume left by an error would keep pulling into a buffer nobody reads; the next one replaces it.
      stop();
      // A consume that failed mid-batch: what did arrive is handled before consuming again.
      if (batch.length > 0 && !this.stopping) await this.handleFetched(batch);
    }
  }

  private async handleFetched(batch: ConsumedMessage[]): Promise<void> {
    this.observer.received(this.name, batch.length, batch[batch.length - 1].pending);
    if (this.handler.kind === 'batch') await this.handleBatch(batch, this.handler.handle);
    else await this.handleInOrder(batch, this.handler.handle);
  }

  private async handleInOrder(batch: ConsumedMessage[], handle: MessageHandler): Promise<void> {
    for (let index = 0; index < batch.length; index++) {
      const message = batch[index];
      const handled = await this.handleOne(message, handle);
      if (!handled) {
        // Later messages wait for the failed one, so the stage never sees them out of order.
        for (const later of batch.slice(index)) later.raw.nak(this.redeliveryDelay(later));
        this.observer.nakked(this.name, batch.length - index);
        return;
      }
    }
  }

  /** Returns false when the message was nak'd for redelivery. */
  private async handleOne(message: ConsumedMessage, handle: MessageHandler): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        await handle(message);
        this.observer.handled(this.name, (performance.now() - started) / 1_000, 'ok');
        message.raw.ack();
        this.observer.acked(this.name, 1);
        return true;
      } catch (error) {
        this.observer.handled(this.name, (performance.now() - started) / 1_000, 'error');
        if (isPermanent(error) || message.deliveryCount >= this.options.maxDeliver) {
          await this.deadLetter(message, error);
          return true;
        }
        if (attempt > this.options.inProcessRetries || this.stopping) {
          this.logger.warn(
            {
              consumer: this.name,
              seq: message.sequence,
              correlationId: message.header(HEADERS.correlationId),
              err: describeError(error),
            },
            'nak',
          );
          return false;
        }
        message.raw.working();
        await sleep(
          backoffDelay(attempt, this.options.retryBaseMs, this.options.retryMaxMs),
          this.abort.signal,
        );
      }
    }
  }

  private async handleBatch(batch: ConsumedMessage[], handle: BatchHandler): Promise<void> {
    let outcome: BatchOutcome | void;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        outcome = await handle(batch);
        this.observer.handled(this.name, (performance.now() - started) / 1_000, 'ok');
        break;
      } catch (error) {
        this.observer.handled(this.name, (performance.now() - started) / 1_000, 'error');
        // A batch failure is the store's (ClickHouse down): keep the messages, never dead-letter them.
        this.logger.warn(
          { consumer: this.name, attempt, err: describeError(error) },
          'batch failed, retrying',
        );
        if (this.stopping) {
          for (const message of batch) message.raw.nak();
          this.observer.nakked(this.name, batch.length);
          return;
        }
        for (const message of batch) message.raw.working();
        await sleep(
          backoffDelay(attempt, this.options.retryBaseMs, this.options.retryMaxMs),
          this.abort.signal,
        );
      }
    }
    const failed = new Map((outcome?.failed ?? []).map((entry) => [entry.message.sequence, entry.error]));
    for (const message of batch) {
      if (!failed.has(message.sequence)) {
        message.raw.ack();
        continue;
      }
      const error = failed.get(message.sequence);
      if (isPermanent(error) || message.deliveryCount >= this.options.maxDeliver) {
        await this.deadLetter(message, error);
      } else {
        message.raw.nak(this.redeliveryDelay(message));
        this.observer.nakked(this.name, 1);
      }
    }
    this.observer.acked(this.name, batch.length - failed.size);
  }

  private async deadLetter(message: ConsumedMessage, error: unknown): Promise<void> {
    const record = await this.deadLetters.send(this.options.stage, message, error);
    // Acked only once the dead letter is stored, so nothing is lost between the two.
    // No reason argument: nats-server 2.9 does not understand `+TERM <reason>` and would redeliver.
    message.raw.term();
    this.observer.deadLettered(this.name, record.reason);
    this.logger.warn(
      {
        consumer: this.name,
        seq: message.sequence,
        subject: message.subject,
        correlationId: message.header(HEADERS.correlationId),
        reason: record.reason,
        err: record.error,
      },
      'dead-lettered',
    );
  }

  private redeliveryDelay(message: ConsumedMessage): number {
    return backoffDelay(message.deliveryCount, this.options.retryBaseMs, this.options.retryMaxMs);
  }
}

const LINGER_OVER = Symbol('linger over');

function nextTurn(): Promise<typeof LINGER_OVER> {
  return new Promise((resolve) => setImmediate(() => resolve(LINGER_OVER)));
}

/** A cancellable wait that resolves to LINGER_OVER. */
function timer(ms: number): { done: Promise<typeof LINGER_OVER>; cancel: () => void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<typeof LINGER_OVER>((resolve) => {
    handle = setTimeout(() => resolve(LINGER_OVER), ms);
  });
  return { done, cancel: () => clearTimeout(handle) };
}
