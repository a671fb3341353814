import { type ServerResponse } from 'node:http';

import { type WebSocket } from 'ws';

import { type HubLine } from './hub-session';

/** The record separator that ends every message of the hub protocol's JSON encoding. */
export const RS = '\u001e';

export interface CoreHubOptions {
  /** A capture file or an archive session folder. */
  source: string;
  /** Bearer tokens this hub accepts; a JWT among them past its `exp` is answered 401. */
  tokens?: readonly string[];
  /** Topics sent only to connections with an accepted token, as F1 does since the 2025 Dutch GP. */
  restrictedTopics?: readonly string[];
  /** Answer every negotiation 403, as F1 does for some address ranges. */
  forbidden?: boolean;
  /** Answer the first this many negotiations with 503, as a hub restarting does. */
  refuseNegotiations?: number;
  /** Drop the connection (no Close message) once when this many lines have been played. */
  disconnectAfter?: number | readonly number[];
  /** Go silent once (no feed, no ping, socket left open) when this many lines have been played. */
  stallAfter?: number;
  /** Send Subscribe's completion and the following feed calls in one WebSocket frame. */
  completionSharesFrame?: boolean;
  pingIntervalMs?: number;
}

export interface RunningCoreHub {
  /** The endpoint base, as `https://livetiming.formula1.com/signalrcore`. */
  url: string;
  negotiations(): number;
  connections(): number;
  /** Lines played so far, whoever was connected. */
  played(): number;
  finished(): boolean;
  /** The last line of the session among these topics (what a client that takes them ends on). */
  lastLine(topics: (topic: string) => boolean): HubLine | undefined;
  /** Feed calls sent per topic over all connections. */
  sentTopics(): Map<string, number>;
  /** Bearer values seen on negotiate and upgrade requests (to check what the client sends). */
  bearers(): string[];
  /** Topics asked for in Subscribe invocations, per connection. */
  subscriptions(): string[][];
  close(): Promise<void>;
}

export function send(ws: WebSocket, message: object): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message) + RS);
}

export function answer(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.end(text);
}

/** `exp` of a JWT, read as F1's hub would after verifying it (the stand-in only reads it). */
export function expiryOf(token: string): number | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}
