import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';

import { DURABLE_CONSUMERS } from '@slipstream/contracts';
import { freePort } from '@slipstream/testing';

import { type BenchNats, startBenchNats } from './nats';
import { CSV_FIXTURES_DIR, SESSIONS_DIR } from './paths';
import { type Child, spawnNode, waitExit, waitReady } from './processes';

/**
 * How the pipeline runs: `all-in-one` is `npm start`'s single process; `services` is the
 * deployment's shape, one process per service (the ingestion CLI being its own one-shot process
 * in both).
 */
export type PipelineMode = 'all-in-one' | 'services';

export interface Pipeline {
  mode: PipelineMode;
  nats: BenchNats;
  /** The long-running processes, by name (nats-server included). */
  processes: Map<string, Child>;
  /** Base URL of the query API (projection, or the all-in-one). */
  queryUrl: string;
  /** Base URL of the replay control API (telemetry-replay, or the all-in-one). */
  replayUrl: string;
  /** The projection's chDB directory; readable by another process once the pipeline stopped. */
  chdbPath: string;
  /** Starts a new measurement phase: every process's peak RSS counts from now. */
  resetPeaks(): void;
  /** Peak RSS (MiB) of every process since the last reset, the one-shot CLI runs included. */
  peaks(): Record<string, number>;
  /** Runs `ingest import-csv` on the set and waits for the CLI to finish publishing. */
  importCsv(directory?: string): Promise<void>;
  /** Starts a full-speed replay and waits until the replay service says it is finished. */
  replay(session: string, timeoutMs?: number): Promise<{ messagesSent: number }>;
  /** Waits until the given durable consumers have nothing pending or un-acked, all at once. */
  drained(consumers: ConsumerRef[], timeoutMs?: number): Promise<void>;
  /** Stops every process; the chDB directory is kept until `dispose`. */
  stop(): Promise<Record<string, number>>;
  /** Removes the chDB directory. */
  dispose(): void;
}

export interface ConsumerRef {
  stream: string;
  durable: string;
}

/** Everything that turns the Ergast CSV set into read models, standings reactor included. */
export const HISTORICAL_CONSUMERS: ConsumerRef[] = [
  DURABLE_CONSUMERS.normalizationErgast,
  DURABLE_CONSUMERS.normalizationStandings,
  DURABLE_CONSUMERS.projectionEvents,
];

/** Everything a live-timing replay goes through. */
export const LIVETIMING_CONSUMERS: ConsumerRef[] = [
  DURABLE_CONSUMERS.normalizationLivetiming,
  DURABLE_CONSUMERS.projectionEvents,
  DURABLE_CONSUMERS.projectionTelemetry,
];

const QUIET = { LOG_LEVEL: 'warn', HTTP_HOST: '127.0.0.1' };

export async function startPipeline(mode: PipelineMode, logDir: string): Promise<Pipeline> {
  const chdbPath = mkdtempSync(join(tmpdir(), `slipstream-bench-chdb-${mode}-`));
  const nats = await startBenchNats(logDir, `nats-server.${mode}`);
  const processes = new Map<string, Child>([['nats-server', nats.child]]);
  const oneShotPeaks: Record<string, number> = {};
  const common = { ...QUIET, NATS_URL: nats.url };
  let queryUrl: string;
  let replayUrl: string;
  // Registered as soon as spawned, so that a later one failing to start stops it too.
  const spawnService = (name: string, script: string, port: number, env: Record<string, string> = {}) => {
    const child = spawnNode(name, script, [], { ...common, HTTP_PORT: String(port), ...env }, logDir);
    processes.set(name, child);
    return child;
  };
  try {
    if (mode === 'all-in-one') {
      const port = await freePort();
      const app = spawnService('all-in-one', 'apps/all-in-one/dist/main.js', port, {
        CHDB_PATH: chdbPath,
        REPLAY_DIR: SESSIONS_DIR,
      });
      await waitReady(app, port);
      queryUrl = replayUrl = `http://127.0.0.1:${port}`;
    } else {
      // Projection first: it provisions the tables before anything flows.
      const ports = {
        projection: await freePort(),
        normalization: await freePort(),
        replay: await freePort(),
      };
      const projection = spawnService('projection', 'services/projection/dist/main.js', ports.projection, {
        CHDB_PATH: chdbPath,
      });
      await waitReady(projection, ports.projection);
      const normalization = spawnService(
        'normalization',
        'services/normalization/dist/main.js',
        ports.normalization,
      );
      const replay = spawnService(
        'telemetry-replay',
        'services/telemetry-replay/dist/main.js',
        ports.replay,
        { REPLAY_DIR: SESSIONS_DIR },
      );
      await waitReady(normalization, ports.normalization);
      await waitReady(replay, ports.replay);
      queryUrl = `http://127.0.0.1:${ports.projection}`;
      replayUrl = `http://127.0.0.1:${ports.replay}`;
    }
  } catch (error) {
    for (const child of [...processes.values()].reverse()) await child.stop(5_000);
    rmSync(chdbPath, { recursive: true, force: true });
    throw error;
  }

  let runs = 0;
  const pipeline: Pipeline = {
    mode,
    nats,
    processes,
    queryUrl,
    replayUrl,
    chdbPath,
    resetPeaks() {
      for (const child of processes.values()) child.memory.reset();
      for (const key of Object.keys(oneShotPeaks)) delete oneShotPeaks[key];
    },
    peaks() {
      const peaks: Record<string, number> = { ...oneShotPeaks };
      for (const [name, child] of processes) peaks[name] = child.peakMiB();
      return peaks;
    },
    async importCsv(directory = CSV_FIXTURES_DIR) {
      const cli = spawnNode(
        `ingestion-import-csv.${mode}.${++runs}`,
        'services/ingestion/dist/cli.js',
        ['import-csv', directory],
        common,
        logDir,
      );
      await waitExit(cli);
      oneShotPeaks['ingestion (import-csv)'] = cli.memory.stop();
    },
    async replay(session, timeoutMs = 300_000) {
      const response = await fetch(`${replayUrl}/v1/replays`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ session, speed: 'max' }),
      });
      if (response.status !== 201)
        throw new Error(`replay did not start: ${response.status} ${await response.text()}`);
      const { id } = (await response.json()) as { id: string };
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        // A poll that fails (a keep-alive socket the server just closed, a busy machine) is retried.
        const view = await fetch(`${replayUrl}/v1/replays/${id}`)
          .then((answer) => answer.json() as Promise<{ state: string; messagesSent: number }>)
          .catch(() => undefined);
        if (!view) {
          const dead = [...processes.values()].find((child) => child.process.exitCode !== null);
          if (dead) throw new Error(`${dead.name} exited during the replay (see ${dead.logFile})`);
          await new Promise((resolve) => setTimeout(resolve, 250));
          continue;
        }
        if (view.state === 'finished') return { messagesSent: view.messagesSent };
        if (view.state === 'failed') throw new Error(`replay ${id} failed: ${JSON.stringify(view)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`replay ${id} not finished after ${timeoutMs} ms`);
    },
    async drained(consumers, timeoutMs = 1_200_000) {
      const jsm = await jetstreamManager(nats.connection);
      const deadline = Date.now() + timeoutMs;
      let last = '';
      let idlePasses = 0;
      while (Date.now() < deadline) {
        // One pass over all of them must find every one idle: the reactor publishes more events.
        let idle = true;
        const states: string[] = [];
        for (const { stream, durable } of consumers) {
          const info = await jsm.consumers.info(stream, durable).catch(() => null);
          const busy = !info || info.num_pending > 0 || info.num_ack_pending > 0;
          if (busy) idle = false;
          states.push(
            `${durable}: ${info ? `${info.num_pending} pending, ${info.num_ack_pending} unacked` : 'absent'}`,
          );
        }
        last = states.join('; ');
        // Twice in a row, so a batch published between two reads is not missed.
        idlePasses = idle ? idlePasses + 1 : 0;
        if (idlePasses === 2) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`pipeline not drained after ${timeoutMs} ms (${last})`);
    },
    async stop() {
      const peaks = pipeline.peaks();
      for (const name of [...processes.keys()].reverse()) {
        if (name === 'nats-server') continue;
        await processes.get(name)?.stop();
      }
      await nats.dispose();
      return peaks;
    },
    dispose() {
      rmSync(chdbPath, { recursive: true, force: true });
    },
  };
  return pipeline;
}

/** Counts of a JetStream stream, for notes (events published, dead letters). */
export async function streamMessages(pipeline: Pipeline, stream: string): Promise<number> {
  const jsm = await jetstreamManager(pipeline.nats.connection);
  const info = await jsm.streams.info(stream).catch(() => null);
  return info?.state.messages ?? 0;
}
