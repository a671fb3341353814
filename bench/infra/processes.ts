import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

import { MemoryWatch } from './memory';
import { REPO_ROOT } from './paths';

export interface Child {
  name: string;
  process: ChildProcess;
  memory: MemoryWatch;
  logFile: string;
  exited: Promise<number | null>;
  /** Peak RSS so far (MiB). */
  peakMiB(): number;
  /** SIGTERM, then SIGKILL after `graceMs`; returns the peak RSS (MiB) read just before. */
  stop(graceMs?: number): Promise<number>;
}

/** Runs `node <script>` from the repository root with the given environment; output goes to a log file. */
/** Set by `--cpu-prof`: every node process the bench spawns writes a V8 CPU profile here. */
export const CPU_PROFILE_DIR_ENV = 'SLIPSTREAM_BENCH_CPU_PROFILE_DIR';

export function spawnNode(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  logDir: string,
): Child {
  const profileDir = process.env[CPU_PROFILE_DIR_ENV];
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  return spawnProcess(name, process.execPath, [...profile, join(REPO_ROOT, script), ...args], env, logDir);
}

export function spawnProcess(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  logDir: string,
): Child {
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const memory = new MemoryWatch(child.pid ?? -1);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      memory.stop();
      resolve(code);
    });
  });
  return {
    name,
    process: child,
    memory,
    logFile,
    exited,
    peakMiB: () => memory.sample(),
    async stop(graceMs = 20_000) {
      const peak = memory.sample();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      log.end();
      return peak;
    },
  };
}

/** Resolves once `GET /health/ready` answers 200; fails early if the process dies first. */
export async function waitReady(child: Child, port: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(
        `${child.name} exited with ${child.process.exitCode} before it was ready (see ${child.logFile})`,
      );
    }
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.name} not ready on port ${port} after ${timeoutMs} ms (see ${child.logFile})`);
}

/** Waits for a one-shot command (the import CLI) and fails with its log if it does not exit 0. */
export async function waitExit(child: Child): Promise<void> {
  const code = await child.exited;
  if (code !== 0) throw new Error(`${child.name} exited with ${code} (see ${child.logFile})`);
}
