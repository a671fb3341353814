import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './free-port';

export interface RunningNatsServer {
  url: string;
  port: number;
  storeDir: string;
  /** Stops the process (SIGTERM, or SIGKILL with `{ kill: true }`) and keeps the store, so `restart` resumes it. */
  stop(options?: { kill?: boolean }): Promise<void>;
  restart(): Promise<void>;
  /** Stops the process and deletes the store. */
  dispose(): Promise<void>;
}

export function natsServerBinary(): string {
  const candidates = [
    process.env.NATS_SERVER_BIN,
    'nats-server',
    '/usr/sbin/nats-server',
    '/usr/bin/nats-server',
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    'nats-server not found. Install it (Debian/Ubuntu: `sudo apt-get install -y nats-server`; ' +
      'elsewhere: https://docs.nats.io/running-a-nats-service/introduction/installation) or set NATS_SERVER_BIN.',
  );
}

/**
 * A real `nats-server -js` on a free loopback port with its own temporary store. `config` is the
 * text of a server configuration file (users and permissions, say); the port, address and store
 * on the command line win over it.
 */
export async function startNatsServer(options: { config?: string } = {}): Promise<RunningNatsServer> {
  const binary = natsServerBinary();
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'slipstream-nats-'));
  const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir];
  if (options.config !== undefined) {
    const configFile = join(storeDir, 'nats-server.conf');
    writeFileSync(configFile, options.config);
    args.push('-c', configFile);
  }
  let child: ChildProcess | null = null;

  const launch = async () => {
    child = spawn(binary, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await waitForPort(port, 10_000, () =>
      child?.exitCode !== null ? `nats-server exited: ${stderr}` : null,
    );
  };

  const stop = async (options: { kill?: boolean } = {}) => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(options.kill ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    stop,
    restart: launch,
    dispose: async () => {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/**
 * Resolves once something listens on the loopback `port`; throws the message `failed` returns
 * (e.g. the process exited) or, after `timeoutMs`, a timeout.
 */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  failed: () => string | null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = failed();
    if (failure) throw new Error(failure);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`nats-server did not listen on port ${port} within ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
