import { createServer, type Server } from 'node:http';

import { WebSocketServer, type WebSocket } from 'ws';

import { parseCaptureLine, readTextLines } from '@slipstream/livetiming';

export interface CaptureServerOptions {
  file: string;
  /** Drop the connection once after each of these many feed calls, to exercise reconnects. */
  disconnectAfter?: number | readonly number[];
  /** Answer the first this many negotiations with 503, as a hub restarting does. */
  refuseNegotiations?: number;
  /** Stop sending after this many feed calls, once, leaving the socket open: a half-dead connection. */
  stallAfter?: number;
}

export interface RunningCaptureServer {
  url: string;
  /** Feed calls sent so far (snapshot topics not counted). */
  sent(): number;
  connections(): number;
  /** Negotiations asked for, refused ones included. */
  negotiations(): number;
  finished(): boolean;
  close(): Promise<void>;
}

/**
 * A local stand-in for the F1 live-timing hub: the same negotiate/connect/Subscribe protocol, playing
 * a capture back as fast as the client reads. After a dropped connection it continues with the next
 * line, as the real feed continues in real time.
 */
export async function startCaptureServer(options: CaptureServerOptions): Promise<RunningCaptureServer> {
  const lines: Array<{ topic: string; data: unknown; at: string }> = [];
  let snapshot: Record<string, unknown> = {};
  for await (const { text } of readTextLines(options.file)) {
    const line = parseCaptureLine(text);
    const at = new Date(Number(line.receivedNs / 1_000_000n)).toISOString();
    if (line.topic === 'init') snapshot = line.payload as Record<string, unknown>;
    else lines.push({ topic: line.topic, data: line.payload, at });
  }
  let next = 0;
  let connections = 0;
  let negotiations = 0;
  const drops = [options.disconnectAfter ?? []].flat().sort((a, b) => a - b);
  let stalled = false;
  const http: Server = createServer((request, response) => {
    if (
      request.url?.startsWith('/signalr/negotiate') &&
      ++negotiations <= (options.refuseNegotiations ?? 0)
    ) {
      response.statusCode = 503;
      response.end('Service Unavailable');
      return;
    }
    if (request.url?.startsWith('/signalr/negotiate')) {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          ConnectionToken: `token-${connections + 1}`,
          ConnectionId: 'local',
          ProtocolVersion: '1.5',
        }),
      );
      return;
    }
    response.statusCode = 404;
    response.end();
  });
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request, socket, head) => {
    if (!request.url?.startsWith('/signalr/connect')) return socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => {
      connections++;
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { M?: string; I?: number };
        if (frame.M !== 'Subscribe') return;
        ws.send(JSON.stringify({ R: connections === 1 ? snapshot : {}, I: String(frame.I) }));
        void play(ws);
      });
    });
  });
  const play = async (ws: WebSocket) => {
    while (next < lines.length && ws.readyState === ws.OPEN) {
      if (drops.length && next >= drops[0]) {
        drops.shift();
        ws.terminate();
        return;
      }
      if (!stalled && options.stallAfter !== undefined && next >= options.stallAfter) {
        stalled = true;
        return;
      }
      const { topic, data, at } = lines[next++];
      ws.send(JSON.stringify({ C: `c-${next}`, M: [{ H: 'Streaming', M: 'feed', A: [topic, data, at] }] }));
      // Let the socket drain now and then, as a paced feed would.
      if (next % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/signalr`,
    sent: () => next,
    connections: () => connections,
    negotiations: () => negotiations,
    finished: () => next >= lines.length,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
