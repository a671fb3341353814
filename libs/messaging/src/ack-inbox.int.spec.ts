import { jetstream, type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningNatsServer, startNatsServer } from '@slipstream/testing';

import { AckInbox } from './ack-inbox';
import { connectToNats } from './connection';

const encode = (text: string) => new TextEncoder().encode(text);
const TIMEOUT = { timeout: 5_000 };

/*
 * The inbox must answer as `js.publish` does, so each case is put to both against the same
 * real server: the request-per-publish client is the reference.
 */
describe('AckInbox against a real nats-server', () => {
  let server: RunningNatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer({
      config: `
        authorization {
          users = [
            { user: writer, password: writer }
            { user: limited, password: limited, permissions: { publish: { deny: ["ack.denied.>"] } } }
          ]
        }
      `,
    });
    nc = await connectToNats({ url: server.url, name: 'ack-inbox-spec', user: 'writer', password: 'writer' });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'ACKS', subjects: ['ack.>'] });
    await jsm.streams.add({ name: 'FULL', subjects: ['full.>'], max_msgs: 1, discard: 'new' as never });
  });

  afterAll(async () => {
    await nc?.drain();
    await server?.dispose();
  });

  it('returns the stream, sequence and duplicate flag the server acked, as js.publish does', async () => {
    const inbox = AckInbox.of(nc);
    expect(AckInbox.of(nc)).toBe(inbox);
    const first = await inbox.publish('ack.one', encode('1'), { msgID: 'one', ...TIMEOUT });
    const again = await inbox.publish('ack.one', encode('1'), { msgID: 'one', ...TIMEOUT });
    const reference = await jetstream(nc).publish('ack.one', encode('1'), { msgID: 'one' });
    expect(first).toMatchObject({ stream: 'ACKS', seq: 1, duplicate: false });
    expect(again).toMatchObject({ stream: 'ACKS', seq: 1, duplicate: true });
    expect(reference).toMatchObject({ stream: 'ACKS', seq: 1, duplicate: true });
    const stored = await jsm.streams.getMessage('ACKS', { seq: 1 });
    expect(stored?.header.get('Nats-Msg-Id')).toBe('one');
    expect(inbox.waiting).toBe(0);
  });

  it('acks hundreds of publishes in flight at once, each with its own sequence', async () => {
    const inbox = AckInbox.of(nc);
    const acks = await Promise.all(
      Array.from({ length: 500 }, (_, n) =>
        inbox.publish(`ack.many.${n % 7}`, encode(String(n)), { msgID: `many-${n}`, ...TIMEOUT }),
      ),
    );
    expect(new Set(acks.map((ack) => ack.seq)).size).toBe(500);
    expect(acks.every((ack) => ack.stream === 'ACKS' && !ack.duplicate)).toBe(true);
  });

  it("passes on the server's refusal with its description", async () => {
    const inbox = AckInbox.of(nc);
    await inbox.publish('full.a', encode('a'), { msgID: 'full-a', ...TIMEOUT });
    const refused = inbox.publish('full.b', encode('b'), { msgID: 'full-b', ...TIMEOUT });
    const reference = jetstream(nc).publish('full.b', encode('b'), { msgID: 'full-b' });
    await expect(reference).rejects.toThrow(/maximum messages exceeded/);
    await expect(refused).rejects.toThrow(
      /JetStream refused a publish to full\.b: maximum messages exceeded/,
    );
  });

  it('says "no responders" when no stream stores the subject', async () => {
    await expect(
      AckInbox.of(nc).publish('nowhere.x', encode('x'), { msgID: 'x', ...TIMEOUT }),
    ).rejects.toThrow(/no responders/);
  });

  it('times out when the publish is received but never acked', async () => {
    const silent = nc.subscribe('silent.x'); // a core subscriber: no 503, and nobody answers
    const started = Date.now();
    await expect(
      AckInbox.of(nc).publish('silent.x', encode('x'), { msgID: 'silent', timeout: 300 }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    silent.unsubscribe();
  });

  it('fails a publish the connection is not permitted, naming the subject', async () => {
    const limited = await connectToNats({
      url: server.url,
      name: 'limited',
      user: 'limited',
      password: 'limited',
    });
    try {
      await expect(
        AckInbox.of(limited).publish('ack.denied.x', encode('x'), { msgID: 'denied', ...TIMEOUT }),
      ).rejects.toThrow(/Permissions Violation for Publish to "ack\.denied\.x"/i);
      const allowed = await AckInbox.of(limited).publish('ack.allowed', encode('y'), {
        msgID: 'allowed',
        ...TIMEOUT,
      });
      expect(allowed.stream).toBe('ACKS');
    } finally {
      await limited.close();
    }
  });
});
