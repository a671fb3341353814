import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';

import { queryRows } from '@slipstream/clickhouse';
import { connectToNats } from '@slipstream/messaging';
import { allProjectors, ProjectorRegistry, rebuildReadModels } from '@slipstream/projection';
import { createTempDir, type RunningNatsServer, startNatsServer, type TempDir } from '@slipstream/testing';

import {
  bootPipeline,
  clickhouseOf,
  pipelineDrained,
  replayFinished,
  type ServiceName,
  startReplay,
  tableChecksums,
} from './livetiming-pipeline';

/*
 * The operations guide's "rebuild a read model without downtime": read models that lost rows are
 * rebuilt from the event log while the projection service keeps consuming and the tables keep
 * answering, and end identical to what the clean run stored.
 */
describe('rebuilding read models from the event log (2025 Miami GP sprint)', () => {
  let nats: RunningNatsServer;
  let nc: NatsConnection;
  const chdb: TempDir = createTempDir('slipstream-rebuild-');
  let apps: Record<ServiceName, { close(): Promise<void> }> | undefined;

  afterAll(async () => {
    for (const app of Object.values(apps ?? {})) await app.close();
    await nc?.drain();
    await nats?.dispose();
    chdb.remove();
  });

  it('restores lost rows while the live projection runs, and leaves no consumer behind', async () => {
    nats = await startNatsServer();
    nc = await connectToNats({ url: nats.url, name: 'rebuild-spec' });
    const pipeline = await bootPipeline({ natsUrl: nats.url, chdbPath: chdb.path, database: 'rebuild' });
    apps = pipeline;
    await replayFinished(pipeline.replay, await startReplay(pipeline.replay, '2025-miami-gp-sprint'));
    await pipelineDrained(nc);
    const clickhouse = clickhouseOf(pipeline.projection);
    const clean = await tableChecksums(clickhouse);

    // A read model loses rows (a bad migration, an operator's DELETE) and another is emptied.
    await clickhouse.client.command({
      query: 'ALTER TABLE session_laps DELETE WHERE driver_number IN (1, 4, 81)',
      clickhouse_settings: { mutations_sync: '2' },
    });
    await clickhouse.client.command({ query: 'TRUNCATE TABLE session_race_control' });
    const damaged = await tableChecksums(clickhouse);
    expect(damaged.session_laps).not.toEqual(clean.session_laps);
    expect(damaged.session_race_control).toMatch(/^0:/);

    const jsm = await jetstreamManager(nc);
    const seen: number[] = [];
    const report = await rebuildReadModels({
      js: jetstream(nc),
      jsm,
      client: clickhouse.client,
      registry: new ProjectorRegistry(allProjectors),
      batchSize: 500,
      onProgress: (progress) => seen.push(progress.position),
    });

    expect(await tableChecksums(clickhouse)).toEqual(clean);
    const events = report.targets.find((target) => target.target === 'events')!;
    expect(events.messages).toBe((await jsm.streams.info('EVENTS')).state.messages);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // The temporary durables are gone; the live ones are where they were.
    const durables: string[] = [];
    for (const stream of ['EVENTS', 'TELEMETRY'])
      for await (const consumer of jsm.consumers.list(stream)) durables.push(consumer.name);
    expect(durables).toEqual(expect.arrayContaining(['projection-events', 'projection-telemetry']));
    expect(durables.filter((name) => name.includes('rebuild'))).toEqual([]);
    // The tables answered all along; the live projection still has its one session.
    const [{ n }] = await queryRows<{ n: string }>(
      clickhouse.client,
      'SELECT count() AS n FROM session_info FINAL',
    );
    expect(Number(n)).toBe(1);
  }, 420_000);
});
