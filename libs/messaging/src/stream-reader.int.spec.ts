import { jetstream, type JetStreamClient, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rawSubjects } from '@slipstream/contracts';
import { type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { connectToNats } from './connection';
import { provisionStreams } from './provisioning';
import { readStoredMessages, type StreamReadOptions } from './stream-reader';

describe('readStoredMessages against a real nats-server', () => {
  let server: RunningNatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;

  /** Sequences of what a read yields, and the consumers left on RAW after it. */
  async function read(options: StreamReadOptions, stopAfter = Infinity) {
    const sequences: number[] = [];
    for await (const message of readStoredMessages(js, 'RAW', options)) {
      sequences.push(message.seq);
      if (sequences.length >= stopAfter) break;
    }
    return { sequences, consumersLeft: await consumerCount() };
  }

  async function consumerCount(): Promise<number> {
    return (await (await jetstreamManager(nc)).streams.info('RAW')).state.consumer_count;
  }

  async function publish(subject: string, n: number): Promise<number> {
    const ack = await js.publish(subject, JSON.stringify({ n }));
    return ack.seq;
  }

  const a = rawSubjects.test('reader-a');
  const b = rawSubjects.test('reader-b');
  /** Sequences of the messages on a and on b, in order. */
  const onA: number[] = [];
  const onB: number[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connectToNats({ url: server.url, name: 'stream-reader-int-spec' });
    js = jetstream(nc);
    await provisionStreams(await jetstreamManager(nc));
    for (let n = 0; n < 30; n++) {
      if (n % 3 === 0) onB.push(await publish(b, n));
      else onA.push(await publish(a, n));
    }
  });

  afterAll(async () => {
    await nc?.drain();
    await server?.dispose();
  });

  it('reads the whole stream in order, then deletes its consumer', async () => {
    const { sequences, consumersLeft } = await read({});
    expect(sequences).toEqual([...onA, ...onB].sort((x, y) => x - y));
    expect(consumersLeft).toBe(0);
  });

  it('reads only the filtered subjects, from a start sequence', async () => {
    expect((await read({ filter: a })).sequences).toEqual(onA);
    expect((await read({ filter: a, fromSequence: onA[10] })).sequences).toEqual(onA.slice(10));
    expect((await read({ filter: rawSubjects.ofSource('test'), fromSequence: 25 })).sequences).toEqual([
      25, 26, 27, 28, 29, 30,
    ]);
  });

  it('stops at toSequence, inclusive, without waiting for more', async () => {
    expect((await read({ filter: a, fromSequence: onA[2], toSequence: onA[5] })).sequences).toEqual(
      onA.slice(2, 6),
    );
    // The last message of the filter lies below toSequence: the read ends when it has them all.
    expect((await read({ filter: b, toSequence: 1_000 })).sequences).toEqual(onB);
    expect((await read({ fromSequence: 10, toSequence: 9 })).sequences).toEqual([]);
  });

  it('yields nothing, quickly, when nothing matches', async () => {
    const started = Date.now();
    const { sequences, consumersLeft } = await read({ filter: rawSubjects.test('nothing-here') });
    expect(sequences).toEqual([]);
    expect(consumersLeft).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reads the newest message of each subject', async () => {
    const { sequences } = await read({ filter: rawSubjects.ofSource('test'), lastPerSubject: true });
    expect(sequences).toEqual([onB.at(-1), onA.at(-1)].sort((x, y) => x! - y!));
  });

  it('deletes its consumer when the caller stops early', async () => {
    const { sequences, consumersLeft } = await read({ filter: a }, 3);
    expect(sequences).toEqual(onA.slice(0, 3));
    expect(consumersLeft).toBe(0);
  });

  it('deletes its consumer when the caller throws', async () => {
    const reading = (async () => {
      for await (const message of readStoredMessages(js, 'RAW', { filter: a })) {
        if (message.seq > 0) throw new Error('handler failed');
      }
    })();
    await expect(reading).rejects.toThrow('handler failed');
    expect(await consumerCount()).toBe(0);
  });

  it('ends at what was stored when it started: later messages are not read', async () => {
    const later: number[] = [];
    const sequences: number[] = [];
    for await (const message of readStoredMessages(js, 'RAW', { filter: a, batchSize: 2 })) {
      sequences.push(message.seq);
      // Published while the read is going: left for the live consumers.
      if (later.length < 3) later.push(await publish(a, 100 + later.length));
    }
    expect(sequences).toEqual(onA);
    expect((await read({ filter: a })).sequences).toEqual([...onA, ...later]);
    onA.push(...later);
  });

  it('fails with StreamReadStalledError when what it counted stops coming, and deletes its consumer', async () => {
    const gone = rawSubjects.test('reader-gone');
    for (let n = 0; n < 5; n++) await publish(gone, n);
    const jsm = await jetstreamManager(nc);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const message of readStoredMessages(js, 'RAW', {
        filter: gone,
        batchSize: 1,
        stallMs: 300,
      })) {
        seen.push(message.seq);
        // Counted when the read started, then purged: the server has nothing more to send.
        if (seen.length === 1) await jsm.streams.purge('RAW', { filter: gone });
      }
    })();
    await expect(reading).rejects.toMatchObject({
      name: 'StreamReadStalledError',
      message: expect.stringMatching(/nothing for 300 ms with \d+ messages still to read/),
    });
    expect(seen.length).toBeLessThan(5);
    expect(await consumerCount()).toBe(0);
  });
});
