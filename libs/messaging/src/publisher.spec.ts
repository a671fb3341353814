import { type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';

import { DEFAULT_PUBLISHER_OPTIONS, JetStreamPublisher } from './publisher';

/** A JetStream client whose acks the test releases by hand, to watch the window. */
function heldAcks() {
  const held: Array<{ subject: string; ack: () => void; fail: (error: Error) => void }> = [];
  const js = {
    publish: (subject: string) =>
      new Promise<PubAck>((resolve, reject) => {
        held.push({
          subject,
          ack: () => resolve({ stream: 'RAW', seq: held.length, duplicate: false } as PubAck),
          fail: reject,
        });
      }),
  } as unknown as JetStreamClient;
  return { js, held };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('JetStreamPublisher window', () => {
  it('never has more than maxInFlight un-acked publishes, and wakes every waiting caller in turn', async () => {
    const { js, held } = heldAcks();
    const publisher = new JetStreamPublisher(js, { ...DEFAULT_PUBLISHER_OPTIONS, maxInFlight: 2 });
    // Three callers at once, each publishing three messages: nine in all through a window of two.
    const callers = [0, 1, 2].map(async (caller) => {
      for (let n = 0; n < 3; n++)
        await publisher.publish({ subject: `s.${caller}.${n}`, msgId: `${caller}-${n}`, payload: {} });
    });
    let released = 0;
    while (released < 9) {
      await tick();
      expect(held.length - released).toBeLessThanOrEqual(2);
      held[released++]?.ack();
    }
    await Promise.all(callers);
    expect(await publisher.flush()).toEqual({ published: 9, duplicates: 0, retries: 0 });
    expect(new Set(held.map((entry) => entry.subject)).size).toBe(9);
  });

  it('hands a refused publish to the next caller instead of losing it', async () => {
    const { js, held } = heldAcks();
    const publisher = new JetStreamPublisher(js, { ...DEFAULT_PUBLISHER_OPTIONS, maxInFlight: 1 });
    await publisher.publish({ subject: 'a', msgId: 'a', payload: {} });
    const waiting = publisher.publish({ subject: 'b', msgId: 'b', payload: {} });
    await tick();
    held[0].fail(new Error('no stream matches subject'));
    await expect(waiting).rejects.toThrow('no stream matches subject');
    expect(held).toHaveLength(1);
  });
});
