import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { type BenchContext, type BenchFigure, type BenchModule, ratioOf } from './infra/bench';
import { RESULTS_DIR } from './infra/paths';
import { CPU_PROFILE_DIR_ENV } from './infra/processes';
import { formatTable } from './infra/table';

/** Run order when everything runs: later ones reuse what earlier ones loaded (see BenchContext.shared). */
const ORDER = ['csv-backfill', 'session-replay', 'concurrent-replays', 'query-api', 'live-feed', 'memory'];

const HELP = `Usage: npm run bench -- [options]

Runs every benchmark (bench/*.bench.ts), each figure against its baseline measured in the same run,
prints a table and writes the figures as JSON to bench/results/<timestamp>.json.

Options:
  --only <name[,name]>   run only these benchmarks (${ORDER.join(', ')}, …)
  --scale <n>            size multiplier for bigger machines (default 1: the whole real data sets, about 10 minutes on 2 idle cores)
  --cpu-prof             write a V8 CPU profile of every spawned node process (services, CLI runs)
                         to bench/results/logs-<timestamp>/profiles/ (open in Chrome DevTools or speedscope)
  --list                 list the benchmarks and exit
  -h, --help

See docs/benchmarks.md for what each benchmark measures and the last figures.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      scale: { type: 'string', default: '1' },
      list: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0) throw new UsageError(`--scale must be a positive number`);

  const modules = await discoverModules();
  if (values.list) {
    for (const [name, module] of modules)
      process.stdout.write(`${name.padEnd(16)} ${module.description ?? ''}\n`);
    return;
  }
  const wanted = values.only ? values.only.split(',').map((name) => name.trim()) : [...modules.keys()];
  for (const name of wanted)
    if (!modules.has(name))
      throw new UsageError(`no benchmark named ${name} (have: ${[...modules.keys()].join(', ')})`);

  const startedAt = new Date();
  // Other work on the machine skews every figure; the load averages say how much there was.
  const loadSamples = [loadavg()[0]];
  const loadSampler = setInterval(() => loadSamples.push(loadavg()[0]), 5_000).unref();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const logDir = join(RESULTS_DIR, `logs-${stamp}`);
  mkdirSync(logDir, { recursive: true });
  // Read by spawnNode; profiles are written when a process exits, so stopped pipelines have theirs.
  if (values['cpu-prof']) process.env[CPU_PROFILE_DIR_ENV] = join(logDir, 'profiles');
  const shared = new Map<string, unknown>();
  const cleanups: Array<() => Promise<unknown>> = [];
  const figures: BenchFigure[] = [];
  const runs: Array<{ benchmark: string; seconds: number; error?: string }> = [];

  try {
    for (const name of wanted) {
      const module = modules.get(name) as BenchModule;
      const ctx: BenchContext = {
        scale,
        resultsDir: RESULTS_DIR,
        logDir,
        shared,
        log: (message) => process.stderr.write(`[${name}] ${message}\n`),
        defer: (cleanup) => cleanups.push(cleanup),
      };
      ctx.log(`starting (scale ${scale})`);
      const started = Date.now();
      try {
        const produced = await module.run(ctx);
        for (const figure of produced) {
          figure.ratio ??= ratioOf(figure.value, figure.baseline?.value);
          figures.push(figure);
        }
        runs.push({ benchmark: name, seconds: (Date.now() - started) / 1000 });
        ctx.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        const message = describeError(error);
        runs.push({ benchmark: name, seconds: (Date.now() - started) / 1000, error: message });
        ctx.log(`FAILED: ${message}`);
      }
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }

  clearInterval(loadSampler);
  const totalSeconds = (Date.now() - startedAt.getTime()) / 1000;
  const meanLoad = loadSamples.reduce((sum, load) => sum + load, 0) / loadSamples.length;
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage1m: { mean: meanLoad, max: Math.max(...loadSamples) },
  };
  const file = join(RESULTS_DIR, `${stamp}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), totalSeconds, scale, machine, runs, figures }, null, 2)}\n`,
  );

  process.stdout.write(`\n${formatTable(figures)}\n`);
  const notes = figures.filter((figure) => figure.note);
  if (notes.length > 0) {
    process.stdout.write('\nNotes:\n');
    for (const figure of notes)
      process.stdout.write(`  ${figure.benchmark} / ${figure.name}: ${figure.note}\n`);
  }
  process.stdout.write(
    `\n${runs.map((run) => `${run.benchmark} ${run.seconds.toFixed(0)} s${run.error ? ' FAILED' : ''}`).join(', ')}` +
      `; total ${totalSeconds.toFixed(0)} s on ${machine.cpus} × ${machine.cpuModel}, scale ${scale}` +
      ` (1-min load average during the run: mean ${meanLoad.toFixed(1)}, max ${Math.max(...loadSamples).toFixed(1)})\n` +
      `Figures: ${file}\nProcess logs: ${logDir}\n`,
  );
  if (runs.some((run) => run.error)) process.exitCode = 1;
}

/** Every compiled `bench/dist/<name>.bench.js` that exports `run`, in ORDER, then by name. */
async function discoverModules(): Promise<Map<string, BenchModule>> {
  const names = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.js'))
    .map((file) => file.slice(0, -'.bench.js'.length))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const modules = new Map<string, BenchModule>();
  for (const name of names) {
    try {
      const module = (await import(join(__dirname, `${name}.bench.js`))) as Partial<BenchModule>;
      if (typeof module.run === 'function') modules.set(name, module as BenchModule);
      else process.stderr.write(`skipping ${name}: it exports no run(ctx)\n`);
    } catch (error) {
      process.stderr.write(`skipping ${name}: it does not load (${String(error)})\n`);
    }
  }
  return modules;
}

/** The stack, and the cause's message (fetch puts the reason there). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `\n  caused by: ${error.cause.message}` : '';
  return `${error.stack ?? error.message}${cause}`;
}

function rank(name: string): number {
  const index = ORDER.indexOf(name);
  return index === -1 ? ORDER.length : index;
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${HELP}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
