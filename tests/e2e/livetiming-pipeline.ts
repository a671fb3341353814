import { resolve } from 'node:path';

import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { type z } from 'zod';

import { CLICKHOUSE, type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';
import {
  AppModule as NormalizationApp,
  configSchema as normalizationConfig,
} from '@slipstream/normalization';
import { createService } from '@slipstream/platform';
import { AppModule as ProjectionApp, configSchema as projectionConfig } from '@slipstream/projection';
import { AppModule as ReplayApp, configSchema as replayConfig } from '@slipstream/telemetry-replay';
import { eventually, waitForConsumerDrained } from '@slipstream/testing';

/*
 * The live-timing path as deployed: telemetry-replay, normalization and projection as three Nest
 * applications in this process, over one real nats-server and one embedded chDB directory. Each
 * can be closed and created again, as a pod would be restarted.
 */

export const SESSIONS_DIR = resolve(__dirname, '../../data/sessions');

export type ServiceName = 'replay' | 'normalization' | 'projection';

const common = { HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'warn' };

export interface Target {
  natsUrl: string;
  chdbPath: string;
  /** ClickHouse database of the projection; several runs can share one chDB directory this way. */
  database?: string;
  /** More variables for every service, e.g. `CONSUMER_MAX_DELIVER`. */
  env?: Record<string, string>;
}

export async function bootService(service: ServiceName, target: Target): Promise<INestApplication> {
  const env = { ...common, NATS_URL: target.natsUrl, ...target.env };
  if (service === 'replay') {
    const definition = {
      name: 'telemetry-replay',
      configSchema: replayConfig,
      rootModule: (config: z.infer<typeof replayConfig>) => ReplayApp.forRoot(config),
    };
    return (await createService(definition, { REPLAY_DIR: SESSIONS_DIR, ...env })).app;
  }
  if (service === 'normalization') {
    const definition = {
      name: 'normalization',
      configSchema: normalizationConfig,
      rootModule: (config: z.infer<typeof normalizationConfig>) => NormalizationApp.forRoot(config),
    };
    return (await createService(definition, env)).app;
  }
  const definition = {
    name: 'projection',
    configSchema: projectionConfig,
    rootModule: (config: z.infer<typeof projectionConfig>) => ProjectionApp.forRoot(config),
  };
  const database = target.database ?? 'slipstream';
  return (
    await createService(definition, { ...env, CHDB_PATH: target.chdbPath, CLICKHOUSE_DATABASE: database })
  ).app;
}

/** Boots the three services, projection first so its tables exist before anything flows. */
export async function bootPipeline(target: Target): Promise<Record<ServiceName, INestApplication>> {
  const projection = await bootService('projection', target);
  const normalization = await bootService('normalization', target);
  const replay = await bootService('replay', target);
  return { projection, normalization, replay };
}

export function baseUrl(app: INestApplication): string {
  const { port } = app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

export function clickhouseOf(app: INestApplication): ClickHouseHandle {
  return app.get(CLICKHOUSE);
}

/** Starts a replay over the service's HTTP API and returns its id. */
export async function startReplay(
  replay: INestApplication,
  session: string,
  id?: string,
  speed: number | 'max' = 'max',
): Promise<string> {
  const response = await fetch(`${baseUrl(replay)}/v1/replays`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session, speed, id }),
  });
  if (response.status !== 201)
    throw new Error(`replay did not start: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export interface ReplayProgress {
  state: string;
  messagesSent: number;
}

/** A replay's view, or, with an action (`pause`, `resume`, `speed` and its body), the view after it. */
export async function replayControl(
  replay: INestApplication,
  id: string,
  action?: 'pause' | 'resume' | 'speed',
  body: unknown = {},
): Promise<ReplayProgress> {
  const response = await fetch(`${baseUrl(replay)}/v1/replays/${id}${action ? `/${action}` : ''}`, {
    method: action ? 'POST' : 'GET',
    headers: action ? { 'content-type': 'application/json' } : {},
    body: action ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as ReplayProgress;
}

export async function replayFinished(
  replay: INestApplication,
  id: string,
  timeoutMs = 150_000,
): Promise<number> {
  const status = await eventually(
    async () => {
      const view = (await (await fetch(`${baseUrl(replay)}/v1/replays/${id}`)).json()) as {
        state: string;
        messagesSent: number;
        error?: string;
      };
      // A replay that stopped will not finish: the timeout then says why.
      if (view.state === 'failed') throw new Error(`replay ${id} failed: ${view.error}`);
      return view.state === 'finished' ? view : undefined;
    },
    timeoutMs,
    `replay ${id} to finish`,
  );
  return status.messagesSent;
}

/** Waits until normalization and both projections have nothing left to do. */
export async function pipelineDrained(nc: NatsConnection, timeoutMs = 150_000): Promise<void> {
  await waitForConsumerDrained(nc, 'RAW', 'normalization-livetiming', timeoutMs);
  await waitForConsumerDrained(nc, 'EVENTS', 'projection-events', timeoutMs);
  await waitForConsumerDrained(nc, 'TELEMETRY', 'projection-telemetry', timeoutMs);
}

/** Every session read model, with the columns that identify its content (no insert-time values). */
export const SESSION_TABLES = [
  'session_info',
  'session_status_changes',
  'session_drivers',
  'session_laps',
  'session_lap_deletions',
  'session_positions',
  'session_intervals',
  'session_stints',
  'session_pit_stops',
  'session_race_control',
  'session_track_status',
  'session_weather',
  'session_classification',
  'car_telemetry',
  'car_positions',
];

/**
 * Row count and an order-independent checksum of every table, as merged rows (`FINAL`). Rows are
 * hashed as text so that NULLs count too (`cityHash64` of a NULL column is NULL).
 */
export async function tableChecksums(
  clickhouse: ClickHouseHandle,
  tables: string[] = SESSION_TABLES,
): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ n: string; sum: string }>(
      clickhouse.client,
      `SELECT toString(count()) AS n, toString(groupBitXor(cityHash64(toString(tuple(*))))) AS sum FROM ${table} FINAL`,
    );
    sums[table] = `${row.n}:${row.sum}`;
  }
  return sums;
}
