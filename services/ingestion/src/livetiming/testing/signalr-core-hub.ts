import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { type WebSocket, WebSocketServer } from 'ws';

import { answer, type CoreHubOptions, expiryOf, RS, type RunningCoreHub, send } from './core-hub-parts';
import { applyPatch, type HubLine, type HubSession, loadHubSession } from './hub-session';

export type { CoreHubOptions, RunningCoreHub } from './core-hub-parts';

const BASE = '/signalrcore';

/**
 * A local stand-in for F1's live-timing hub, written from Microsoft's published specifications of
 * ASP.NET Core SignalR (TransportProtocols.md: negotiate version 1 and the WebSockets transport;
 * HubProtocol.md: handshake, JSON records ended by 0x1E, Invocation, Completion, Ping, Close) and
 * from what peers report of F1's hub (`Subscribe(topics)` completes with the subscribed topics'
 * state, then `feed(topic, data, timestamp)` invocations). It shares no code with the client.
 * What only F1 can confirm: the exact status codes and headers of its refusals, its ping interval,
 * and which topics an anonymous connection gets today.
 */
export async function startCoreHub(options: CoreHubOptions): Promise<RunningCoreHub> {
  const session: HubSession = await loadHubSession(options.source);
  const restricted = new Set(options.restrictedTopics ?? []);
  const drops = [options.disconnectAfter ?? []].flat().sort((a, b) => a - b);
  const pending = new Map<string, { authorized: boolean }>();
  const sentTopics = new Map<string, number>();
  const bearers: string[] = [];
  const subscriptions: string[][] = [];
  let state: Record<string, unknown> = { ...session.initial };
  let next = 0;
  let negotiations = 0;
  let connections = 0;
  let stalled = false;

  /** false: anonymous; true: accepted; a number: the HTTP status to refuse with. */
  const authorize = (request: IncomingMessage): boolean | number => {
    const header = request.headers.authorization;
    if (!header) return false;
    const token = header.replace(/^Bearer\s+/i, '');
    bearers.push(token);
    if (!(options.tokens ?? []).includes(token)) return 401;
    const exp = expiryOf(token);
    return exp !== undefined && exp * 1_000 <= Date.now() ? 401 : true;
  };

  const http: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://hub');
    if (url.pathname !== `${BASE}/negotiate`) return answer(response, 404, 'Not Found');
    if (request.method !== 'POST') return answer(response, 405, 'Method Not Allowed');
    negotiations++;
    if (negotiations <= (options.refuseNegotiations ?? 0))
      return answer(response, 503, 'Service Unavailable');
    if (options.forbidden) return answer(response, 403, 'Forbidden');
    const authorized = authorize(request);
    if (typeof authorized === 'number') {
      response.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      return answer(response, authorized, 'Unauthorized');
    }
    const connectionToken = randomUUID();
    pending.set(connectionToken, { authorized });
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({
        negotiateVersion: Number(url.searchParams.get('negotiateVersion')) >= 1 ? 1 : 0,
        connectionId: randomUUID(),
        connectionToken,
        availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }],
      }),
    );
  });

  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://hub');
    const negotiated = pending.get(url.searchParams.get('id') ?? '');
    const authorized = authorize(request);
    if (url.pathname !== BASE || !negotiated || typeof authorized === 'number') {
      socket.end(`HTTP/1.1 ${!negotiated ? '404 Not Found' : '401 Unauthorized'}\r\n\r\n`);
      return;
    }
    pending.delete(url.searchParams.get('id')!);
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws, negotiated.authorized && authorized === true));
  });

  /** One connection: handshake first, then invocations and pings (HubProtocol.md). */
  const serve = (ws: WebSocket, authorized: boolean) => {
    connections++;
    let handshaken = false;
    let topics = new Set<string>();
    const connection = { silent: false };
    const ping = setInterval(() => {
      if (!connection.silent) send(ws, { type: 6 });
    }, options.pingIntervalMs ?? 200);
    ws.on('close', () => clearInterval(ping));
    ws.on('message', (data) => {
      for (const record of data.toString().split(RS).filter(Boolean)) {
        const message = JSON.parse(record) as Record<string, unknown>;
        if (!handshaken) {
          if (message.protocol !== 'json' || message.version !== 1) {
            ws.send(
              JSON.stringify({
                error: `Requested protocol '${String(message.protocol)}' is not available.`,
              }) + RS,
            );
            ws.close();
            return;
          }
          handshaken = true;
          ws.send(`{}${RS}`);
        } else if (message.type === 1 && message.target === 'Subscribe') {
          const args: unknown[] = Array.isArray(message.arguments) ? message.arguments : [];
          const asked = Array.isArray(args[0]) ? args[0].filter((topic) => typeof topic === 'string') : [];
          subscriptions.push(asked);
          topics = new Set(asked.filter((topic) => authorized || !restricted.has(topic)));
          const result = Object.fromEntries(Object.entries(state).filter(([topic]) => topics.has(topic)));
          const completion = JSON.stringify({ type: 3, invocationId: message.invocationId, result }) + RS;
          // The completion goes out first (or in the first feed frame): a drop waits for what was written.
          if (!options.completionSharesFrame) ws.send(completion);
          void play(ws, connection, topics, options.completionSharesFrame ? completion : undefined);
        } else if (message.type === 1 && message.invocationId !== undefined) {
          send(ws, {
            type: 3,
            invocationId: message.invocationId,
            error: `Unknown hub method '${String(message.target)}'`,
          });
        } else if (message.type === 7) {
          ws.close();
        }
        // Pings (type 6) need no answer.
      }
    });
  };

  /** Plays lines from where the session is now, as the real feed runs on whoever is connected. */
  const play = async (
    ws: WebSocket,
    connection: { silent: boolean },
    topics: Set<string>,
    first?: string,
  ) => {
    let frame = first ?? '';
    let written: Promise<unknown> = Promise.resolve();
    const flush = () => {
      if (frame) written = new Promise((resolve) => ws.send(frame, resolve));
      frame = '';
    };
    while (next < session.lines.length && ws.readyState === ws.OPEN) {
      if (drops.length && next >= drops[0]) {
        drops.shift();
        // The drop falls between two lines: what was sent has reached the socket first.
        flush();
        await written;
        ws.terminate();
        return;
      }
      if (!stalled && options.stallAfter !== undefined && next >= options.stallAfter) {
        stalled = true;
        connection.silent = true;
        flush();
        return;
      }
      const line: HubLine = session.lines[next++];
      state = { ...state, [line.topic]: applyPatch(state[line.topic], line.data) };
      if (!topics.has(line.topic)) continue;
      sentTopics.set(line.topic, (sentTopics.get(line.topic) ?? 0) + 1);
      frame += JSON.stringify({ type: 1, target: 'feed', arguments: [line.topic, line.data, line.at] }) + RS;
      if (first !== undefined && frame.length < 2_000) continue; // a few calls ride with the completion
      flush();
      first = undefined;
      // Let the socket drain now and then, as a paced feed would.
      if (next % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (ws.readyState === ws.OPEN) flush();
  };

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${BASE}`,
    negotiations: () => negotiations,
    connections: () => connections,
    played: () => next,
    finished: () => next >= session.lines.length,
    lastLine: (topics) => session.lines.findLast((line) => topics(line.topic)),
    sentTopics: () => new Map(sentTopics),
    bearers: () => [...bearers],
    subscriptions: () => subscriptions.map((topics) => [...topics]),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
