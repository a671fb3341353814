import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { jetstream } from '@nats-io/jetstream';
import { afterAll, describe, expect, it } from 'vitest';

import { queryRows } from '@slipstream/clickhouse';
import { type DeadLetter, rawSubjects } from '@slipstream/contracts';
import { DEFAULT_PUBLISHER_OPTIONS, JetStreamPublisher } from '@slipstream/messaging';
import { eventually, readStream, waitForConsumerDrained } from '@slipstream/testing';

import { type FaultStack, startFaultStack } from './fault-stack';

const run = promisify(execFile);
const DLQ_CLI = resolve(__dirname, '../../apps/all-in-one/dist/dlq-cli.js');
const MAX_DELIVER = 3;

/*
 * A poison message at the projection: an event whose row the read model refuses (here a CHECK
 * constraint the table gained, as a stricter migration would add). The projection isolates it
 * from its batch, the rest of the batch and every later event are stored, and after
 * CONSUMER_MAX_DELIVER deliveries it lands in DLQ with ClickHouse's error. Once the table is
 * fixed, the documented `npm run dlq -- replay` sends it back and it is projected.
 */
describe('a poison message at the projection', () => {
  let stack: FaultStack | undefined;

  afterAll(() => stack?.dispose());

  it('goes to DLQ after the configured deliveries, lets the rest flow, and is replayed after a fix', async () => {
    stack = await startFaultStack('poison', { CONSUMER_MAX_DELIVER: String(MAX_DELIVER) });
    const { nats, nc, clickhouse: client } = stack;
    const notes = async () =>
      await queryRows<{ note_key: string; value: number }>(
        client,
        'SELECT note_key, value FROM pipeline_notes FINAL ORDER BY note_key',
      );

    await client.command({
      query: 'ALTER TABLE pipeline_notes ADD CONSTRAINT value_in_range CHECK value < 1000',
    });
    const publisher = new JetStreamPublisher(jetstream(nc), DEFAULT_PUBLISHER_OPTIONS);
    for (const [key, value] of [
      ['a-before', 1],
      ['b-poison', 5_000],
      ['c-after', 2],
      ['d-after', 3],
    ] as const) {
      await publisher.publish({
        subject: rawSubjects.test('notes'),
        msgId: `poison-spec:${key}`,
        payload: {
          source: 'test',
          resource: 'notes',
          receivedAt: '2025-11-01T10:00:00.000Z',
          payload: { key, text: key, value },
        },
      });
    }
    await publisher.flush();

    const letters = await eventually(
      async () => {
        const found = (await readStream(nc!, 'DLQ')).map((message) => message.json<DeadLetter>());
        return found.length > 0 ? found : undefined;
      },
      60_000,
      'a dead letter',
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      stage: 'projection',
      reason: 'rows_rejected',
      deliveries: MAX_DELIVER,
      original: { stream: 'EVENTS', subject: expect.stringMatching(/^f1\.pipeline\./) },
    });
    expect(letters[0].error).toMatch(/Constraint `value_in_range`.*violated/);
    await waitForConsumerDrained(nc, 'EVENTS', 'projection-events', 30_000);
    // The rest of its batch and everything after it were stored.
    expect(await notes()).toEqual([
      { note_key: 'a-before', value: 1 },
      { note_key: 'c-after', value: 2 },
      { note_key: 'd-after', value: 3 },
    ]);

    // The documented command lists it, and replays it once the table takes such values.
    const natsUrl = ['--nats-url', nats.url];
    const listed = await run(process.execPath, [DLQ_CLI, 'list', ...natsUrl]);
    expect(listed.stdout).toMatch(/projection\trows_rejected\tf1\.pipeline\.\S+\t.*value_in_range/);
    expect(listed.stdout).toContain('1 dead letters');
    await client.command({ query: 'ALTER TABLE pipeline_notes DROP CONSTRAINT value_in_range' });
    const replayed = await run(process.execPath, [DLQ_CLI, 'replay', '--stage', 'projection', ...natsUrl]);
    expect(replayed.stdout).toContain('1 of 1 dead letters replayed');

    await eventually(async () => (await notes()).length === 4, 30_000, 'the replayed note projected');
    expect(await notes()).toContainEqual({ note_key: 'b-poison', value: 5_000 });
    expect(await readStream(nc, 'DLQ')).toHaveLength(0);
  }, 120_000);
});
