import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';

import { type RawRecord } from '@slipstream/contracts';
import { configSchema, LiveIngestModule, type RunningCoreHub } from '@slipstream/ingestion';
import { createService, PlatformModule } from '@slipstream/platform';
import { eventually } from '@slipstream/testing';

import { bootService, pipelineDrained, type Target } from './livetiming-pipeline';

/*
 * The live path as deployed, in this process: ingestion's live feed (the official SignalR client
 * against a local hub), normalization and projection over one nats-server and chDB directory.
 */

@Module({})
class LiveIngestApp {
  static forRoot(config: ReturnType<typeof configSchema.parse>): DynamicModule {
    return {
      module: LiveIngestApp,
      imports: [PlatformModule.forRoot({ serviceName: 'ingestion', config }), LiveIngestModule],
    };
  }
}

export async function bootLiveIngest(
  target: Target,
  hub: RunningCoreHub,
  env: Record<string, string> = {},
): Promise<INestApplication> {
  const definition = { name: 'ingestion', configSchema, rootModule: LiveIngestApp.forRoot };
  return (
    await createService(definition, {
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NATS_URL: target.natsUrl,
      LIVETIMING_ENABLED: 'true',
      LIVETIMING_URL: hub.url,
      ...env,
    })
  ).app;
}

export async function bootReadModels(target: Target): Promise<INestApplication[]> {
  const projection = await bootService('projection', target);
  const normalization = await bootService('normalization', target);
  return [projection, normalization];
}

/**
 * Until the hub has played its session, RAW ends on the last line the client takes (the ingest
 * publishes in arrival order), and the read models have caught up.
 */
export async function liveIngestSettled(
  nc: NatsConnection,
  hub: RunningCoreHub,
  takes: (topic: string) => boolean,
  timeoutMs: number,
  readModels = true,
): Promise<void> {
  await eventually(async () => hub.finished(), timeoutMs, 'the hub to play its session');
  const last = hub.lastLine(takes)!;
  const jsm = await jetstreamManager(nc);
  await eventually(
    async () => {
      const info = await jsm.streams.info('RAW');
      if (info.state.last_seq === 0) return false;
      const record = (await jsm.streams.getMessage('RAW', { seq: info.state.last_seq }))!.json<RawRecord>();
      return record.resource === last.topic && record.receivedAt === new Date(last.at).toISOString();
    },
    timeoutMs,
    `RAW to end on the last ${last.topic} line`,
  );
  if (readModels) await pipelineDrained(nc, timeoutMs);
}

/**
 * A copy of an archive session folder keeping each topic's lines before `until` (`HH:MM:SS`), and
 * only the topics `keep` accepts: the same recording for the hub and for the replay, shorter.
 */
export function sliceArchiveSession(
  source: string,
  target: string,
  until: string,
  keep: (topic: string) => boolean = () => true,
): string {
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(source)) {
    const from = join(source, name);
    const topic = /^(.+)\.jsonStream(\.gz)?$/.exec(name)?.[1];
    if (!topic) {
      if (name.endsWith('.json')) copyFileSync(from, join(target, name));
      continue;
    }
    if (!keep(topic)) continue;
    const text = (name.endsWith('.gz') ? gunzipSync(readFileSync(from)) : readFileSync(from)).toString(
      'utf8',
    );
    const lines = text.split('\n').filter((line) => line.replace(/^\uFEFF/, '').slice(0, 8) < until);
    writeFileSync(join(target, `${topic}.jsonStream`), lines.join('\n') + '\n');
  }
  return target;
}
