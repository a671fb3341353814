import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DeadLetter, dlqSubjects, rawSubjects, STREAMS } from '@slipstream/contracts';
import {
  eventually,
  readStream,
  type RunningNatsServer,
  startNatsServer,
  waitForConsumerDrained,
} from '@slipstream/testing';

import { connectToNats } from './connection';
import { type ConsumedMessage } from './consumed-message';
import { PullConsumerRunner, type RunnerLogger } from './consumer-runner';
import { replayDeadLetters } from './dead-letter-replay';
import { DeadLetterPublisher } from './dead-letters';
import { PermanentError } from './errors';
import { provisionConsumer, provisionStreams } from './provisioning';
import { DEFAULT_PUBLISHER_OPTIONS, JetStreamPublisher } from './publisher';

const quietLogger: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const runnerOptions = {
  stream: 'RAW',
  stage: 'normalization' as const,
  batchSize: 50,
  fetchExpiresMs: 1_000,
  maxDeliver: 3,
  inProcessRetries: 1,
  retryBaseMs: 10,
  retryMaxMs: 50,
};

describe('messaging against a real nats-server', () => {
  let server: RunningNatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connectToNats({ url: server.url, name: 'messaging-int-spec' });
    await provisionStreams(await jetstreamManager(nc));
  });

  afterAll(async () => {
    await nc?.drain();
    await server?.dispose();
  });

  it('provisions streams idempotently', async () => {
    const jsm = await jetstreamManager(nc);
    await provisionStreams(jsm);
    const names: string[] = [];
    for await (const info of jsm.streams.list()) names.push(info.config.name);
    expect(names.sort()).toEqual(['DLQ', 'EVENTS', 'RAW', 'TELEMETRY']);
    const raw = await jsm.streams.info('RAW');
    expect(raw.config.subjects).toEqual(STREAMS.RAW.subjects);
  });

  it('deduplicates publishes with the same Nats-Msg-Id', async () => {
    const publisher = new JetStreamPublisher(jetstream(nc), DEFAULT_PUBLISHER_OPTIONS);
    for (let i = 0; i < 3; i++) {
      await publisher.publish({ subject: rawSubjects.test('dedup'), msgId: 'same-id', payload: { i } });
    }
    await publisher.publish({ subject: rawSubjects.test('dedup'), msgId: 'other-id', payload: { i: 9 } });
    const stats = await publisher.flush();
    expect(stats.published).toBe(2);
    expect(stats.duplicates).toBe(2);
  });

  it('in stream delivery, hands each message over as it arrives instead of waiting to fill a batch', async () => {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const subject = rawSubjects.test('streaming');
    await provisionConsumer(jsm, {
      stream: 'RAW',
      durable: 'streaming-spec',
      filterSubject: subject,
      maxDeliver: 3,
      ackWaitMs: 30_000,
      maxAckPending: 100,
    });
    const batches: string[][] = [];
    const runner = new PullConsumerRunner(
      js,
      // A fetch would wait this long for 50 messages; streaming delivery must not.
      { ...runnerOptions, durable: 'streaming-spec', fetchExpiresMs: 600_000, delivery: 'stream' },
      {
        kind: 'batch',
        handle: async (messages: ConsumedMessage[]) => {
          batches.push(messages.map((message) => message.json<{ n: string }>().n));
        },
      },
      new DeadLetterPublisher(new JetStreamPublisher(js, DEFAULT_PUBLISHER_OPTIONS)),
      quietLogger,
    );
    runner.start();
    const publisher = new JetStreamPublisher(js, DEFAULT_PUBLISHER_OPTIONS);
    for (const n of ['first', 'second', 'third']) {
      await publisher.publish({ subject, msgId: `streaming-${n}`, payload: { n } });
      await publisher.flush();
      // Each one is handled on its own, long before a fetch of 50 would have returned.
      await eventually(async () => batches.flat().includes(n) || undefined, 30_000, `${n} handled`);
    }
    await waitForConsumerDrained(nc, 'RAW', 'streaming-spec', 20_000);
    await runner.stop();
    expect(batches).toEqual([['first'], ['second'], ['third']]);
  });

  it('acks handled messages, dead-letters permanent failures at once and transient ones after max deliveries', async () => {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const subject = rawSubjects.test('runner');
    await provisionConsumer(jsm, {
      stream: 'RAW',
      durable: 'runner-spec',
      filterSubject: subject,
      maxDeliver: 3,
      ackWaitMs: 5_000,
      maxAckPending: 100,
    });
    const publisher = new JetStreamPublisher(js, DEFAULT_PUBLISHER_OPTIONS);
    for (const kind of ['ok-1', 'poison', 'flaky', 'ok-2']) {
      await publisher.publish({ subject, msgId: `runner-${kind}`, payload: { kind } });
    }
    await publisher.flush();

    const handled: string[] = [];
    const attempts = new Map<string, number>();
    const runner = new PullConsumerRunner(
      js,
      { ...runnerOptions, durable: 'runner-spec' },
      {
        kind: 'message',
        handle: async (message: ConsumedMessage) => {
          const { kind } = message.json<{ kind: string }>();
          attempts.set(kind, (attempts.get(kind) ?? 0) + 1);
          if (kind === 'poison') throw new PermanentError('cannot parse this', 'invalid_payload');
          if (kind === 'flaky') throw new Error('downstream unavailable');
          handled.push(kind);
        },
      },
      new DeadLetterPublisher(publisher),
      quietLogger,
    );
    runner.start();
    await waitForConsumerDrained(nc, 'RAW', 'runner-spec', 20_000);
    await runner.stop();

    expect(handled).toEqual(['ok-1', 'ok-2']);
    expect(attempts.get('poison')).toBe(1);
    // maxDeliver 3 deliveries × (1 try + 1 in-process retry), minus the retry skipped on the last delivery.
    expect(attempts.get('flaky')).toBeGreaterThanOrEqual(3);

    const dlq = await eventually(
      async () => {
        const letters = (await readStream(nc, 'DLQ')).map((m) => m.json<DeadLetter>());
        return letters.length === 2 ? letters : undefined;
      },
      10_000,
      'two dead letters',
    );
    const byReason = Object.fromEntries(dlq.map((letter) => [letter.reason, letter]));
    expect(byReason.invalid_payload.error).toBe('cannot parse this');
    expect(byReason.invalid_payload.deliveries).toBe(1);
    expect(
      JSON.parse(Buffer.from(byReason.invalid_payload.original.payloadBase64, 'base64').toString()),
    ).toEqual({
      kind: 'poison',
    });
    expect(byReason.handler_failed.error).toBe('downstream unavailable');
    expect(byReason.handler_failed.deliveries).toBe(3);
    expect(byReason.handler_failed.original.headers['Nats-Msg-Id']).toEqual(['runner-flaky']);
  });

  it('keeps retrying a failing batch without acking, then stores it once the failure clears', async () => {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const subject = rawSubjects.test('batch');
    await provisionConsumer(jsm, {
      stream: 'RAW',
      durable: 'batch-spec',
      filterSubject: subject,
      maxDeliver: 2,
      ackWaitMs: 5_000,
      maxAckPending: 100,
    });
    const publisher = new JetStreamPublisher(js, DEFAULT_PUBLISHER_OPTIONS);
    for (let i = 0; i < 20; i++) await publisher.publish({ subject, msgId: `batch-${i}`, payload: { i } });
    await publisher.flush();

    let failuresLeft = 4;
    const stored: number[] = [];
    const runner = new PullConsumerRunner(
      js,
      { ...runnerOptions, durable: 'batch-spec' },
      {
        kind: 'batch',
        handle: async (messages) => {
          if (failuresLeft-- > 0) throw new Error('clickhouse unavailable');
          stored.push(...messages.map((m) => m.json<{ i: number }>().i));
        },
      },
      new DeadLetterPublisher(publisher),
      quietLogger,
    );
    runner.start();
    await waitForConsumerDrained(nc, 'RAW', 'batch-spec', 20_000);
    await runner.stop();
    expect([...stored].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('replays dead letters to their original subject after a fix, and removes them from DLQ', async () => {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const subject = rawSubjects.test('fixable');
    await provisionConsumer(jsm, {
      stream: 'RAW',
      durable: 'fixable-spec',
      filterSubject: subject,
      maxDeliver: 3,
      ackWaitMs: 5_000,
      maxAckPending: 100,
    });
    const publisher = new JetStreamPublisher(js, DEFAULT_PUBLISHER_OPTIONS);
    await publisher.publishAndWait({ subject, msgId: 'fixable-1', payload: { kind: 'needs-a-fix' } });
    let fixed = false;
    const handled: string[] = [];
    const runner = new PullConsumerRunner(
      js,
      { ...runnerOptions, durable: 'fixable-spec' },
      {
        kind: 'message',
        handle: async (message: ConsumedMessage) => {
          if (!fixed) throw new PermanentError('unknown schema version', 'unknown_version');
          handled.push(message.json<{ kind: string }>().kind);
        },
      },
      new DeadLetterPublisher(publisher),
      quietLogger,
    );
    runner.start();
    await eventually(
      async () =>
        (await readStream(nc, 'DLQ', dlqSubjects.of('normalization', 'unknown_version'))).length === 1,
      10_000,
      'dead letter',
    );

    const listed = await replayDeadLetters(nc, { reason: 'unknown_version', dryRun: true });
    expect(listed.letters).toEqual([
      expect.objectContaining({
        stage: 'normalization',
        reason: 'unknown_version',
        subject,
        error: 'unknown schema version',
      }),
    ]);
    fixed = true;
    const replayed = await replayDeadLetters(nc, { reason: 'unknown_version' });
    expect(replayed).toMatchObject({ matched: 1, replayed: 1 });
    await eventually(async () => handled.length === 1, 10_000, 'the replayed message handled');
    await runner.stop();
    expect(handled).toEqual(['needs-a-fix']);
    expect(await readStream(nc, 'DLQ', dlqSubjects.of('normalization', 'unknown_version'))).toHaveLength(0);
  });

  it('keeps ingestion letters on replay: their fix is in the source, not downstream', async () => {
    const publisher = new JetStreamPublisher(jetstream(nc), DEFAULT_PUBLISHER_OPTIONS);
    const line = 'Driver,Number\n"unterminated';
    await publisher.publishAndWait({
      subject: dlqSubjects.of('ingestion', 'unreadable_csv_line'),
      msgId: 'dlq:csv:spec:1',
      payload: {
        stage: 'ingestion' satisfies DeadLetter['stage'],
        reason: 'unreadable_csv_line',
        error: 'Unclosed quote',
        failedAt: new Date().toISOString(),
        deliveries: 0,
        original: {
          stream: 'RAW',
          subject: rawSubjects.test('csv-line'),
          sequence: 0,
          headers: {},
          payloadBase64: Buffer.from(line).toString('base64'),
        },
      },
    });

    const report = await replayDeadLetters(nc, { stage: 'ingestion' });
    expect(report).toMatchObject({ matched: 1, replayed: 0, kept: 1 });
    expect(await readStream(nc, 'DLQ', dlqSubjects.of('ingestion', 'unreadable_csv_line'))).toHaveLength(1);
    expect(await readStream(nc, 'RAW', rawSubjects.test('csv-line'))).toHaveLength(0);
  });
});
