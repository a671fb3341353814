import { describe, expect, it } from 'vitest';

import { type FeedStream } from '@slipstream/contracts';

import { type FeedMessage } from '../feed/feed-message';
import { type CatchUpSource, planCatchUp } from './catch-up';

/** A hub that moves on by `step` each time the stream is read, as a live one does. */
function source(flushed: Record<FeedStream, number>, step = 0): CatchUpSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    flushed,
    reads,
    nextTick: async () => {
      flushed.EVENTS += 1;
    },
    read: async (stream, after, upto) => {
      reads.push(`${stream} ${after}..${upto}`);
      const messages = Array.from(
        { length: upto - after },
        (_, i): FeedMessage => ({
          stream,
          seq: after + i + 1,
          subject: 's',
          storedAtMs: 0,
          data: new Uint8Array(),
        }),
      );
      if (reads.length < 3) flushed[stream] += step;
      return messages;
    },
  };
}
const limits = { maxMessages: 100, maxWaitTicks: 3 };

describe('planning a resume', () => {
  it('reads until it has caught up with a hub that keeps moving', async () => {
    const hub = source({ EVENTS: 10, TELEMETRY: 50 }, 2);
    const plan = await planCatchUp(hub, { EVENTS: 4, TELEMETRY: 45 }, ['EVENTS', 'TELEMETRY'], limits);
    expect(plan.kind === 'replay' && plan.messages.map((m) => `${m.stream}${m.seq}`)).toEqual([
      'EVENTS5',
      'EVENTS6',
      'EVENTS7',
      'EVENTS8',
      'EVENTS9',
      'EVENTS10',
      'TELEMETRY46',
      'TELEMETRY47',
      'TELEMETRY48',
      'TELEMETRY49',
      'TELEMETRY50',
      'EVENTS11',
      'EVENTS12',
      'TELEMETRY51',
      'TELEMETRY52',
    ]);
    expect(hub.reads).toEqual(['EVENTS 4..10', 'TELEMETRY 45..50', 'EVENTS 10..12', 'TELEMETRY 50..52']);
  });

  it('waits a few ticks for an instance behind the client, then gives up', async () => {
    expect(
      await planCatchUp(source({ EVENTS: 8, TELEMETRY: 0 }), { EVENTS: 10 }, ['EVENTS'], limits),
    ).toEqual({ kind: 'replay', messages: [] });
    expect(
      await planCatchUp(source({ EVENTS: 1, TELEMETRY: 0 }), { EVENTS: 10 }, ['EVENTS'], limits),
    ).toEqual({
      kind: 'snapshot',
      reason: 'this gateway is behind the resume position',
    });
  });

  it('prefers a snapshot when too far behind or when a position is missing', async () => {
    expect(
      await planCatchUp(source({ EVENTS: 500, TELEMETRY: 0 }), { EVENTS: 10 }, ['EVENTS'], limits),
    ).toEqual({ kind: 'snapshot', reason: 'more than 100 messages behind' });
    expect(
      await planCatchUp(source({ EVENTS: 5, TELEMETRY: 5 }), { EVENTS: 1 }, ['EVENTS', 'TELEMETRY'], limits),
    ).toEqual({ kind: 'snapshot', reason: 'no resume position for TELEMETRY' });
  });
});
