import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import {
  BUNDLED_HISTORY,
  describeProgress,
  FIRST_START_MARKER,
  isComplete,
  readModelProgress,
} from './bundled-history';

/*
 * Run by scripts/start.sh beside the all-in-one process: on the first start only, imports the
 * bundled history (CSV seasons through the ingestion CLI, the Miami sprint through the replay
 * CLI, both at full speed) and reports progress until the query APIs answer with it. Environment:
 * SLIPSTREAM_HOME, HTTP_PORT, NATS_URL (as start.sh exports them).
 */

const ROOT = resolve(__dirname, '../../../..');
/** Generous: a busy two-core laptop projects the bundled set in well under a minute. */
const READY_WITHIN_MS = 10 * 60_000;
const POLL_MS = 2_000;

const home = resolve(process.env.SLIPSTREAM_HOME ?? '.slipstream');
const baseUrl = `http://127.0.0.1:${process.env.HTTP_PORT ?? '3000'}`;
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const say = (line: string) => process.stderr.write(`[first start] ${line}\n`);
const children = new Set<ReturnType<typeof spawn>>();

async function main(): Promise<void> {
  const marker = join(home, FIRST_START_MARKER);
  if (existsSync(marker)) {
    say(`bundled history already imported (delete ${marker} to import it again)`);
    return;
  }
  await until(async () => (await fetch(`${baseUrl}/health/ready`)).ok, 'the services to be ready');
  say(
    `importing the bundled history: ${BUNDLED_HISTORY.csvDirectory} (seasons ${BUNDLED_HISTORY.seasons.join(', ')})`,
  );
  await run('services/ingestion/dist/cli.js', [
    'import-csv',
    BUNDLED_HISTORY.csvDirectory,
    '--nats-url',
    natsUrl,
  ]);
  say(`replaying ${BUNDLED_HISTORY.session.folder} at full speed into the read models`);
  await run('services/telemetry-replay/dist/cli.js', [
    BUNDLED_HISTORY.session.folder,
    '--speed',
    'max',
    '--nats-url',
    natsUrl,
  ]);
  let last = '';
  const progress = await until(async () => {
    const now = await readModelProgress(baseUrl);
    const line = describeProgress(now);
    if (line !== last) say((last = line));
    return isComplete(now) ? now : undefined;
  }, 'the read models to hold the bundled history');
  writeFileSync(
    marker,
    `${JSON.stringify({ importedAt: new Date().toISOString(), ...progress }, null, 2)}\n`,
  );
  say(`done: the analytics pages have data at ${baseUrl}/analytics`);
}

/** Runs a built CLI of this repository; its progress lines go to our stderr. */
function run(script: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    children.add(child);
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) done();
      else fail(new Error(`${script} ${args[0]} stopped (${signal ?? `exit ${code}`})`));
    });
  });
}

async function until<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + READY_WITHIN_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((wake) => setTimeout(wake, POLL_MS));
  }
  throw new Error(`gave up waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(130);
  });

main().catch((error: unknown) => {
  say(`the bundled history was not imported: ${error instanceof Error ? error.message : String(error)}`);
  say('the services keep running; run `npm start` again to retry, or import by hand (docs/analytics.md)');
  process.exit(1);
});
