import { describe, expect, it } from 'vitest';

import { eventSubject, telemetrySubjects } from '@slipstream/contracts';
import { encodeJson } from '@slipstream/messaging';

import { type FeedMessage, type RoutedMessage, routeFeedMessage } from '../feed/feed-message';
import { carBatch, sessionEvents } from '../testing/session-events';
import { chunkFrame, frameFor, groupByTopic } from './delta-frames';
import { filterKey, RoomIndex, roomName } from './room-index';

const events = sessionEvents(9873);
let seq = 0;
const message = (stream: FeedMessage['stream'], subject: string, payload: unknown): FeedMessage => ({
  stream,
  seq: ++seq,
  subject,
  storedAtMs: 0,
  data: encodeJson(payload),
});
const route = (feed: FeedMessage): RoutedMessage => {
  const [routed, ...more] = routeFeedMessage(feed);
  expect(more).toEqual([]);
  return routed;
};
const frameOf = (...batches: Array<ReturnType<typeof carBatch>>) => ({
  sessionKey: batches[0].sessionKey,
  cars: batches.map(({ driverNumber, samples }) => ({ driverNumber, samples })),
});

describe('routing and frames', () => {
  it('routes events by type and telemetry by subject; skips what it does not know', () => {
    expect(
      route(
        message('EVENTS', eventSubject('session', 'lap_completed', 9873, 44), events.lap(44, 2, [1, 2, 3])),
      ),
    ).toMatchObject({ topic: 'timing', driverNumber: 44, sessionKey: 9873 });
    expect(
      route(
        message(
          'EVENTS',
          eventSubject('session', 'race_control_message_issued', 9873),
          events.raceControl(1, 'x'),
        ),
      ),
    ).toMatchObject({ topic: 'race_control', driverNumber: null });
    const frame = message(
      'TELEMETRY',
      telemetrySubjects.frame(9873, 'car_data'),
      frameOf(carBatch(9873, 44, 1, 300), carBatch(9873, 4, 1, 310)),
    );
    expect(routeFeedMessage(frame)).toMatchObject([
      { topic: 'telemetry', driverNumber: 44, item: { seq: frame.seq, driverNumber: 44 } },
      { topic: 'telemetry', driverNumber: 4, item: { seq: frame.seq, driverNumber: 4 } },
    ]);
    expect(
      route(
        message('TELEMETRY', telemetrySubjects.frame(9873, 'position'), frameOf(carBatch(9873, 44, 1, 300))),
      ),
    ).toMatchObject({
      topic: 'positions',
      driverNumber: 44,
    });
    // Logs written before frames hold one car per message, on per-driver subjects.
    // eslint-disable-next-line no-restricted-syntax -- the legacy per-driver subject that readers still accept
    expect(route(message('TELEMETRY', 'tel.9873.44.car', carBatch(9873, 44, 1, 300)))).toMatchObject({
      topic: 'telemetry',
      driverNumber: 44,
    });
    // eslint-disable-next-line no-restricted-syntax -- the legacy per-driver subject that readers still accept
    expect(route(message('TELEMETRY', 'tel.9873.44.pos', carBatch(9873, 44, 1, 300)))).toMatchObject({
      topic: 'positions',
    });
    expect(
      routeFeedMessage(
        message('EVENTS', eventSubject('session', 'future_event', 9873), {
          ...events.info(),
          type: 'SomethingNew',
        }),
      ),
    ).toEqual([]);
    expect(
      routeFeedMessage({
        ...message('EVENTS', eventSubject('session', 'x', 1), {}),
        data: new TextEncoder().encode('not json'),
      }),
    ).toEqual([]);
    expect(
      routeFeedMessage(
        message('TELEMETRY', telemetrySubjects.frame(9873, 'car_data'), { sessionKey: 9873, cars: [{}] }),
      ),
    ).toEqual([]);
  });

  it('groups a tick by session and topic in stream order, and filters per driver set', () => {
    const routed = [
      route(message('EVENTS', 's', events.lap(1, 2, [1, 2, 3]))),
      route(message('EVENTS', 's', events.raceControl(1, 'x'))),
      route(message('EVENTS', 's', events.lap(44, 2, [1, 2, 3]))),
      route(message('EVENTS', 's', sessionEvents(1).lap(44, 2, [1, 2, 3]))),
    ];
    const frames = groupByTopic(routed);
    expect(frames.map((frame) => `${frame.sessionKey}/${frame.topic}:${frame.entries.length}`)).toEqual([
      '9873/timing:2',
      '9873/race_control:1',
      '1/timing:1',
    ]);
    expect(frameFor(frames[0], new Set([44]))?.items.map((item) => item.seq)).toEqual([routed[2].item.seq]);
    expect(frameFor(frames[0], new Set([16]))).toBeNull();
    expect(frameFor(frames[1], new Set([16]))?.items).toHaveLength(1);
    const long = {
      ...frameFor(frames[0], null)!,
      items: Array.from({ length: 1_001 }, (_, i) => ({ ...routed[0].item, seq: i })),
    };
    expect(chunkFrame(long, 500).map((chunk) => chunk.items.length)).toEqual([500, 500, 1]);
  });

  it('names one room per session, topic and driver set, and counts its members', () => {
    expect(roomName(9873, 'telemetry', [44, 1, 44])).toBe('9873/telemetry/1,44');
    expect(filterKey(null)).toBe('*');
    const rooms = new RoomIndex();
    const room = rooms.join(9873, 'telemetry', [44, 1]);
    rooms.join(9873, 'telemetry', [1, 44]);
    rooms.join(9873, 'telemetry', null);
    expect(rooms.roomsOf(9873, 'telemetry').map((group) => group.room)).toEqual([room, '9873/telemetry/*']);
    rooms.leave(room);
    expect(rooms.size).toBe(2);
    rooms.leave(room);
    expect(rooms.roomsOf(9873, 'telemetry').map((group) => group.room)).toEqual(['9873/telemetry/*']);
  });
});
