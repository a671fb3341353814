import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

import { eventually, freePort } from '@slipstream/testing';

const ROOT = resolve(__dirname, '../..');

export type ServiceMain = 'normalization' | 'projection';

/**
 * A service as deployed: its built `dist/main.js` in a child process, so a test can `kill -9` it
 * the way the kernel or the kubelet would, with no chance to finish its batch or close anything.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private output = '';

  constructor(
    readonly service: ServiceMain,
    private readonly env: Record<string, string>,
  ) {}

  /** Starts the process and waits until `/health/ready` answers 200. */
  async start(): Promise<void> {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(ROOT, `services/${this.service}/dist/main.js`)], {
      cwd: ROOT,
      env: {
        ...process.env,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = '';
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.service} exited early:\n${this.output}`);
        const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
        return response.status === 200;
      },
      30_000,
      `${this.service} ready`,
    );
  }

  /** SIGKILL: no shutdown hook runs, in-flight batches are neither acked nor nak'd. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** SIGTERM: the graceful path (finishes the batch in hand, closes chDB). */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  get logs(): string {
    return this.output;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill(signal);
    await exited;
  }
}
