import { resolve } from 'node:path';

import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';

import { type AnyEvent } from '@slipstream/contracts';
import { connectToNats } from '@slipstream/messaging';
import { NormalizationModule } from '@slipstream/normalization';
import { createService, PlatformModule } from '@slipstream/platform';
import { TelemetryReplayModule, configSchema as replayConfigSchema } from '@slipstream/telemetry-replay';
import {
  eventually,
  readStream,
  type RunningNatsServer,
  startNatsServer,
  waitForConsumerDrained,
} from '@slipstream/testing';

import {
  configSchema,
  LiveIngestModule,
  type RunningCaptureServer,
  startCaptureServer,
} from '@slipstream/ingestion';

const fixtures = resolve(__dirname, '../../services/ingestion/fixtures');
const capture = 'dutch_qualifying.txt.gz';
const schema = configSchema.extend(replayConfigSchema.shape);

@Module({})
class PipelineUnderTest {
  static forRoot(config: ReturnType<typeof schema.parse>, feature: 'live' | 'replay'): DynamicModule {
    return {
      module: PipelineUnderTest,
      imports: [
        PlatformModule.forRoot({ serviceName: `ingest-${feature}`, config }),
        feature === 'live' ? LiveIngestModule : TelemetryReplayModule,
        NormalizationModule,
      ],
    };
  }
}

async function runPipeline(feature: 'live' | 'replay', env: Record<string, string>) {
  const nats = await startNatsServer();
  const { app } = await createService(
    {
      name: feature,
      configSchema: schema,
      rootModule: (config) => PipelineUnderTest.forRoot(config, feature),
    },
    { NATS_URL: nats.url, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  );
  const nc = await connectToNats({ url: nats.url, name: `${feature}-spec` });
  return { nats, app, nc };
}

async function settledEvents(nc: NatsConnection, rawCount: number): Promise<Map<string, AnyEvent>> {
  await eventually(
    async () => (await readStream(nc, 'RAW', 'raw.livetiming.>')).length === rawCount,
    60_000,
    `${rawCount} RAW messages`,
  );
  await waitForConsumerDrained(nc, 'RAW', 'normalization-livetiming', 60_000);
  const events = (await readStream(nc, 'EVENTS', 'f1.session.>')).map((m) => m.json<AnyEvent>());
  return new Map(events.map((event) => [event.id, event]));
}

describe('live ingest from a SignalR hub', () => {
  const running: Array<{ nats: RunningNatsServer; app: INestApplication; nc: NatsConnection }> = [];
  let server: RunningCaptureServer | undefined;

  afterAll(async () => {
    await server?.close();
    for (const { nats, app, nc } of running) {
      await nc.drain();
      await app.close();
      await nats.dispose();
    }
  });

  it('writes what a replay of the same capture writes, across dropped connections and a refused reconnect, and yields the same events', async () => {
    server = await startCaptureServer({
      file: resolve(fixtures, `2025_${capture}`),
      disconnectAfter: [3_000, 7_000],
      refuseNegotiations: 1,
    });
    const live = await runPipeline('live', {
      LIVETIMING_ENABLED: 'true',
      LIVETIMING_URL: server.url,
    });
    running.push(live);
    await eventually(async () => server!.finished(), 60_000, 'the capture server to play every line');
    expect(server.connections()).toBe(3);
    const rawCount = server.sent();
    expect(rawCount).toBe(10_822);
    const liveEvents = await settledEvents(live.nc, rawCount);

    const replay = await runPipeline('replay', {
      REPLAY_DIR: fixtures,
      REPLAY_AUTOSTART: `2025_${capture}`,
      REPLAY_SPEED: 'max',
    });
    running.push(replay);
    const replayEvents = await settledEvents(replay.nc, rawCount);

    expect(liveEvents.size).toBeGreaterThan(100);
    expect([...liveEvents.keys()].sort()).toEqual([...replayEvents.keys()].sort());
    for (const [id, event] of liveEvents) {
      const twin = replayEvents.get(id)!;
      expect({ type: event.type, occurredAt: event.occurredAt, data: event.data }).toEqual({
        type: twin.type,
        occurredAt: twin.occurredAt,
        data: twin.data,
      });
    }
    // About 20 s on two idle cores; the bound leaves room for a loaded CI runner.
  }, 180_000);
});
