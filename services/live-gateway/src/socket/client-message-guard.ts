import { type Socket } from 'socket.io';

import { LIVE_FEED_CLIENT_EVENTS, LIVE_FEED_SERVER_EVENTS } from '@slipstream/contracts';
import { TokenBucketLimiter } from '@slipstream/platform';

import { type ErrorReply, errorReply } from './client-errors';

/** Events a client may send. */
export const CLIENT_EVENTS: ReadonlySet<string> = new Set(Object.values(LIVE_FEED_CLIENT_EVENTS));

const CONNECTION_KEY = 'connection';

/** Refusals in a row after which a connection is closed: a client that ignores errors is flooding. */
const MAX_CONSECUTIVE_REFUSALS = 50;

export interface GuardLimits {
  maxPayloadBytes: number;
  maxEventsPerSecond: number;
}

/**
 * Checks every message a client sends before its handler runs: rate, known event, size. A refused
 * message is answered through its acknowledgement when it has one, else with a `gateway_error` event.
 */
export function guardClientMessages(
  socket: Socket,
  limits: GuardLimits,
  onRefused: (reply: ErrorReply) => void,
): void {
  // One bucket per connection, so the limiter holds a single key.
  const limiter = new TokenBucketLimiter(
    { perSecond: limits.maxEventsPerSecond, burst: limits.maxEventsPerSecond * 2 },
    1,
  );
  let refusals = 0;
  socket.use(([event, ...args], next) => {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (reply: ErrorReply) => void) : undefined;
    const refused = checkMessage(limiter, limits, event, ack ? args.slice(0, -1) : args);
    if (!refused) {
      refusals = 0;
      next();
      return;
    }
    onRefused(refused);
    if (ack) ack(refused);
    else socket.emit(LIVE_FEED_SERVER_EVENTS.gatewayError, refused.error);
    if (++refusals >= MAX_CONSECUTIVE_REFUSALS) socket.disconnect(true);
  });
}

function checkMessage(
  limiter: TokenBucketLimiter,
  limits: GuardLimits,
  event: string,
  args: unknown[],
): ErrorReply | null {
  if (!limiter.take(CONNECTION_KEY, Date.now()).allowed) {
    return errorReply(
      'rate_limited',
      `more than ${limits.maxEventsPerSecond} messages per second; slow down`,
    );
  }
  if (!CLIENT_EVENTS.has(event)) {
    return errorReply(
      'unknown_event',
      `unknown event ${JSON.stringify(event)}; send one of: ${[...CLIENT_EVENTS].join(', ')}`,
    );
  }
  const size = payloadBytes(args);
  if (size > limits.maxPayloadBytes) {
    return errorReply(
      'payload_too_large',
      `message of ${size} bytes; at most ${limits.maxPayloadBytes} bytes are accepted`,
    );
  }
  return null;
}

/** Size as JSON: the same measure whichever parser (JSON or msgpack) carried it. */
function payloadBytes(args: unknown[]): number {
  try {
    return Buffer.byteLength(JSON.stringify(args) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
