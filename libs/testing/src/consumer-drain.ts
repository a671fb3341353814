import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

/** Waits until a durable consumer has nothing pending and nothing un-acked. */
export async function waitForConsumerDrained(
  nc: NatsConnection,
  stream: string,
  durable: string,
  timeoutMs = 30_000,
): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const info = await jsm.consumers.info(stream, durable).catch(() => null);
    if (info) {
      last = `pending ${info.num_pending}, ack pending ${info.num_ack_pending}, redelivered ${info.num_redelivered}`;
      if (info.num_pending === 0 && info.num_ack_pending === 0) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `consumer ${stream}/${durable} not drained after ${timeoutMs} ms (${last || 'no consumer'})`,
  );
}

/** How far a durable consumer has acked, as a share of its stream. */
export async function ackedShare(nc: NatsConnection, stream: string, durable: string): Promise<number> {
  const jsm = await jetstreamManager(nc);
  const [info, streamInfo] = await Promise.all([
    jsm.consumers.info(stream, durable),
    jsm.streams.info(stream),
  ]);
  return info.ack_floor.stream_seq / Math.max(1, streamInfo.state.last_seq);
}

/** Polls `check` until it returns a value other than undefined/false, or fails after the timeout. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}
