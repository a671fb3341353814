import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createClickHouse, queryRows } from '@slipstream/clickhouse';
import { ALL_DURABLE_CONSUMERS } from '@slipstream/contracts';
import { connectToNats } from '@slipstream/messaging';
import { createTempDir, type RunningNatsServer, startNatsServer, type TempDir } from '@slipstream/testing';

const root = resolve(__dirname, '../..');

describe('the provisioning job (node services/projection/dist/provision.js)', () => {
  let nats: RunningNatsServer;
  let chdb: TempDir;

  beforeAll(async () => {
    nats = await startNatsServer();
    chdb = createTempDir('slipstream-provision-');
  });

  afterAll(async () => {
    await nats?.dispose();
    chdb?.remove();
  });

  const run = () =>
    spawnSync(process.execPath, ['services/projection/dist/provision.js'], {
      cwd: root,
      env: { ...process.env, NATS_URL: nats.url, CHDB_PATH: chdb.path, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });

  it('creates the streams, every durable consumer and the ClickHouse tables, and can run again', async () => {
    const first = run();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(run().status).toBe(0);

    const nc = await connectToNats({ url: nats.url, name: 'provision-spec' });
    const jsm = await jetstreamManager(nc);
    for (const consumer of ALL_DURABLE_CONSUMERS) {
      const info = await jsm.consumers.info(consumer.stream, consumer.durable);
      expect(info.config.filter_subject).toBe(consumer.filterSubject);
    }
    await nc.drain();

    const clickhouse = await createClickHouse({ database: 'slipstream', chdbPath: chdb.path });
    const migrations = await queryRows<{ n: string }>(
      clickhouse.client,
      'SELECT count() AS n FROM schema_migrations FINAL',
    );
    expect(Number(migrations[0].n)).toBeGreaterThan(0);
    await clickhouse.close();
  });
});
