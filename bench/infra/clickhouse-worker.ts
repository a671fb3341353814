import { fork } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

import { type WorkerRequest, type WorkerResponse, type WorkerResults } from '../worker/protocol';
import { MemoryWatch } from './memory';
import { REPO_ROOT, WORKER_SCRIPT } from './paths';

type Op = WorkerRequest['op'];
type Args<K extends Op> = Omit<Extract<WorkerRequest, { op: K }>, 'op'>;

/** A chDB of its own in a child process: the baseline every pipeline figure is compared with. */
export class ClickHouseWorker {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly child;
  readonly memory: MemoryWatch;
  private readonly exited: Promise<void>;

  constructor(name: string, logDir: string) {
    const log = createWriteStream(join(logDir, `${name}.log`));
    this.child = fork(join(REPO_ROOT, WORKER_SCRIPT), [], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child.stdout?.pipe(log, { end: false });
    this.child.stderr?.pipe(log, { end: false });
    this.memory = new MemoryWatch(this.child.pid ?? -1);
    this.child.on('message', (message: WorkerResponse) => {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`ClickHouse worker: ${message.error}`));
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        this.memory.stop();
        log.end();
        for (const waiter of this.pending.values())
          waiter.reject(new Error(`ClickHouse worker exited with ${code} (see ${name}.log)`));
        this.pending.clear();
        resolve();
      }),
    );
  }

  static async open(name: string, logDir: string, chdbPath: string, database = 'slipstream') {
    const worker = new ClickHouseWorker(name, logDir);
    await worker.call('open', { chdbPath, database });
    return worker;
  }

  call<K extends Op>(op: K, args: Args<K>): Promise<WorkerResults[K]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, op, ...args });
    });
  }

  /** Peak RSS (MiB) since the last `memory.reset()`. */
  peakMiB(): number {
    return this.memory.sample();
  }

  /** Closes chDB cleanly (its data directory may be reopened by another process) and exits. */
  async stop(): Promise<number> {
    const peak = this.memory.sample();
    if (this.child.exitCode === null) {
      await this.call('close', {}).catch(() => undefined);
      this.child.disconnect();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    return peak;
  }
}
