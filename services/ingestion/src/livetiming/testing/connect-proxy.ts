import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface RunningConnectProxy {
  url: string;
  /** `host:port` of every CONNECT asked for. */
  tunnels(): string[];
  close(): Promise<void>;
}

/** A forward proxy that only tunnels (HTTP CONNECT, RFC 9110 §9.3.6), as corporate proxies do. */
export async function startConnectProxy(): Promise<RunningConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_request, response) => {
    response.statusCode = 405;
    response.end();
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels: () => [...tunnels],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
