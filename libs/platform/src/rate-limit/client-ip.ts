import { type IncomingMessage } from 'node:http';

/**
 * The address a rate limit is keyed by. With no trusted proxy it is the peer's address: headers
 * are the client's to forge. Behind `hops` proxies that each append to `X-Forwarded-For` (an
 * ingress controller is one), it is the address the outermost trusted proxy saw.
 */
export function clientIp(
  request: Pick<IncomingMessage, 'headers' | 'socket'>,
  trustedProxyHops: number,
): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return plainAddress(peer);
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return plainAddress(chain[Math.max(0, chain.length - 1 - trustedProxyHops)]);
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
