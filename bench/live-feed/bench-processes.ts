import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';

import { DURABLE_CONSUMERS } from '@slipstream/contracts';
import { freePort } from '@slipstream/testing';

import { type BenchNats, startBenchNats } from '../infra/nats';
import { REPO_ROOT, SESSIONS_DIR } from '../infra/paths';
import { type Child, spawnNode, waitReady } from '../infra/processes';

export interface FeedPipeline {
  nats: BenchNats;
  gateway: Child;
  gatewayUrl: string;
  replayUrl: string;
  stop(): Promise<void>;
}

/*
 * What the live feed needs and nothing more: nats-server, telemetry-replay, normalization and one
 * live-gateway, each its own process (projection would only compete for the two cores). The
 * limits that protect a public gateway from one address are off: every client here is 127.0.0.1.
 */
export async function startFeedPipeline(logDir: string): Promise<FeedPipeline> {
  const nats = await startBenchNats(logDir, 'nats-server.live-feed');
  const common = {
    NATS_URL: nats.url,
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    RATE_LIMIT_ENABLED: 'false',
  };
  const children: Child[] = [nats.child];
  try {
    const ports = { normalization: await freePort(), replay: await freePort(), gateway: await freePort() };
    const normalization = spawnNode(
      'normalization.live-feed',
      'services/normalization/dist/main.js',
      [],
      { ...common, HTTP_PORT: String(ports.normalization) },
      logDir,
    );
    children.push(normalization);
    await waitReady(normalization, ports.normalization);
    const replay = spawnNode(
      'telemetry-replay.live-feed',
      'services/telemetry-replay/dist/main.js',
      [],
      { ...common, HTTP_PORT: String(ports.replay), REPLAY_DIR: SESSIONS_DIR },
      logDir,
    );
    children.push(replay);
    const gateway = spawnNode(
      'live-gateway',
      'services/live-gateway/dist/main.js',
      [],
      { ...common, HTTP_PORT: String(ports.gateway), GATEWAY_MAX_CONNECTIONS: '10000' },
      logDir,
    );
    children.push(gateway);
    await waitReady(replay, ports.replay);
    await waitReady(gateway, ports.gateway);
    return {
      nats,
      gateway,
      gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
      replayUrl: `http://127.0.0.1:${ports.replay}`,
      async stop() {
        for (const child of children.slice(1).reverse()) await child.stop(10_000);
        await nats.dispose();
      },
    };
  } catch (error) {
    for (const child of children.reverse()) await child.stop(5_000);
    throw error;
  }
}

/** Replay control over telemetry-replay's HTTP API. */
export class ReplayControl {
  private constructor(
    private readonly url: string,
    readonly id: string,
  ) {}

  static async start(replayUrl: string, session: string, sessionTimeMs: number): Promise<ReplayControl> {
    const started = await post(`${replayUrl}/v1/replays`, { session, speed: 1 });
    const control = new ReplayControl(replayUrl, (started as { id: string }).id);
    await post(`${replayUrl}/v1/replays/${control.id}/seek`, { sessionTimeMs });
    return control;
  }

  /** Resolves once the replay has fast-forwarded to `sessionTimeMs` (a seek publishes what it skips at once). */
  async reached(sessionTimeMs: number, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const view = (await (await fetch(`${this.url}/v1/replays/${this.id}`)).json()) as {
        positionMs: number;
        sessionStartOffsetMs: number | null;
      };
      if (view.positionMs - (view.sessionStartOffsetMs ?? 0) >= sessionTimeMs) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`replay ${this.id} did not reach session time ${sessionTimeMs} ms in ${timeoutMs} ms`);
  }

  speed(speed: number): Promise<unknown> {
    return post(`${this.url}/v1/replays/${this.id}/speed`, { speed });
  }

  pause(): Promise<unknown> {
    return post(`${this.url}/v1/replays/${this.id}/pause`);
  }

  resume(): Promise<unknown> {
    return post(`${this.url}/v1/replays/${this.id}/resume`);
  }
}

async function post(url: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Waits until normalization has turned every RAW message so far into events (the fast-forward of a seek). */
export async function normalizationIdle(nats: BenchNats, timeoutMs = 120_000): Promise<void> {
  const jsm = await jetstreamManager(nats.connection);
  const { stream, durable } = DURABLE_CONSUMERS.normalizationLivetiming;
  const deadline = Date.now() + timeoutMs;
  // Idle three times in a row: a single look can fall between a publish and its delivery.
  for (let idle = 0; Date.now() < deadline; ) {
    const info = await jsm.consumers.info(stream, durable).catch(() => null);
    idle = info && info.num_pending === 0 && info.num_ack_pending === 0 ? idle + 1 : 0;
    if (idle >= 3) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`normalization still busy after ${timeoutMs} ms`);
}

/** The bare socket.io baseline in its own process; see bare-broadcaster.ts. */
export class BareBroadcaster {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<BareBroadcaster> {
    const child = fork(join(REPO_ROOT, 'bench/dist/live-feed/bare-broadcaster.js'), [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { port: number }) => resolve(message.port));
      child.once('exit', (code) => reject(new Error(`bare broadcaster exited with ${code}`)));
    });
    return new BareBroadcaster(child, `http://127.0.0.1:${port}`);
  }

  /** Broadcasts the frames at their offsets (ms from now); resolves after the last one is emitted. */
  play(schedule: Array<{ atMs: number; event?: 'delta' | 'sync'; frame: object }>): Promise<void> {
    return new Promise((resolve) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== 'played') return;
        this.child.off('message', onMessage);
        resolve();
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'play', schedule });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'exit' });
    await exited;
  }
}
