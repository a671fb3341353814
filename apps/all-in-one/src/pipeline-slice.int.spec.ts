import { jetstream } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLICKHOUSE, type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';
import { eventSubjects, rawSubjects } from '@slipstream/contracts';
import { connectToNats, DEFAULT_PUBLISHER_OPTIONS, JetStreamPublisher } from '@slipstream/messaging';
import { createService } from '@slipstream/platform';
import {
  createTempDir,
  eventually,
  readStream,
  type RunningNatsServer,
  startNatsServer,
  type TempDir,
  waitForConsumerDrained,
} from '@slipstream/testing';

import { AllInOneModule } from './all-in-one.module';
import { configSchema } from './config.schema';

describe('vertical slice: RAW → normalization → EVENTS → projection → ClickHouse', () => {
  let nats: RunningNatsServer;
  let chdb: TempDir;
  let app: INestApplication;
  let nc: NatsConnection;
  let clickhouse: ClickHouseHandle;

  beforeAll(async () => {
    nats = await startNatsServer();
    chdb = createTempDir('slipstream-slice-');
    ({ app } = await createService(
      { name: 'all-in-one', configSchema, rootModule: (config) => AllInOneModule.forRoot(config) },
      { NATS_URL: nats.url, CHDB_PATH: chdb.path, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    ));
    clickhouse = app.get(CLICKHOUSE);
    nc = await connectToNats({ url: nats.url, name: 'slice-spec' });
  });

  afterAll(async () => {
    await nc?.drain();
    await app?.close();
    await nats?.dispose();
    chdb?.remove();
  });

  const publishNote = async (key: string, text: string, value: number) => {
    const publisher = new JetStreamPublisher(jetstream(nc), DEFAULT_PUBLISHER_OPTIONS);
    await publisher.publishAndWait({
      subject: rawSubjects.test('notes'),
      msgId: `test:notes:${key}:${text}:${value}`,
      payload: {
        source: 'test',
        resource: 'notes',
        receivedAt: '2025-10-25T21:00:02.123Z',
        payload: { key, text, value },
      },
    });
  };

  it('projects a raw payload into a ClickHouse row', async () => {
    await publishNote('first', 'hello', 42.5);
    const rows = await eventually(
      async () => {
        const found = await queryRows(
          clickhouse.client,
          'SELECT note_key, text, value, occurred_at FROM pipeline_notes FINAL',
        );
        return found.length > 0 ? found : undefined;
      },
      30_000,
      'the projected row',
    );
    expect(rows).toEqual([
      { note_key: 'first', text: 'hello', value: 42.5, occurred_at: '2025-10-25 21:00:02.123' },
    ]);
  });

  it('changes nothing when the same payload is published again', async () => {
    await publishNote('first', 'hello', 42.5);
    await waitForConsumerDrained(nc, 'RAW', 'normalization-test');
    await waitForConsumerDrained(nc, 'EVENTS', 'projection-events');
    expect(await readStream(nc, 'RAW', rawSubjects.ofSource('test'))).toHaveLength(1);
    expect(await readStream(nc, 'EVENTS', eventSubjects.ofAggregate('pipeline'))).toHaveLength(1);
    const count = await queryRows(clickhouse.client, 'SELECT count() AS n FROM pipeline_notes');
    expect(Number(count[0].n)).toBe(1);
  });

  it('dead-letters an invalid payload with its reason and keeps flowing', async () => {
    const publisher = new JetStreamPublisher(jetstream(nc), DEFAULT_PUBLISHER_OPTIONS);
    await publisher.publishAndWait({
      subject: rawSubjects.test('notes'),
      msgId: 'test:notes:bad',
      payload: {
        source: 'test',
        resource: 'notes',
        receivedAt: '2025-10-25T21:00:02Z',
        payload: { key: '', value: 'x' },
      },
    });
    await publishNote('second', 'after the bad one', 1);
    const letters = await eventually(
      async () => {
        const found = await readStream(nc, 'DLQ');
        return found.length > 0
          ? found.map((m) => m.json<{ reason: string; error: string; stage: string }>())
          : undefined;
      },
      30_000,
      'a dead letter',
    );
    expect(letters).toHaveLength(1);
    expect(letters[0].stage).toBe('normalization');
    expect(letters[0].reason).toBe('invalid_schema');
    expect(letters[0].error).toMatch(/key/);
    await eventually(
      async () => {
        const rows = await queryRows(
          clickhouse.client,
          "SELECT count() AS n FROM pipeline_notes WHERE note_key = 'second'",
        );
        return Number(rows[0].n) === 1;
      },
      30_000,
      'the note after the bad one',
    );
  });
});
