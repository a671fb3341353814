import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { readArchiveSession } from '../formats/archive-session';
import { readCaptureFile } from '../formats/live-capture';
import { TopicMessage } from '../formats/topic-message';
import { ManualClock } from './manual-clock';
import { ReplayAlreadyExistsError, ReplayNotFoundError, ReplayRegistry } from './replay-registry';
import { SessionReplay } from './session-replay';

const FIXTURES = join(__dirname, '../../fixtures');
const recordings: Record<'mexico' | 'brazil', TopicMessage[]> = { mexico: [], brazil: [] };

// Read up front: the manual clock drives promise chains, not file I/O.
beforeAll(async () => {
  for await (const message of readArchiveSession(join(FIXTURES, 'archive/mexico-qualifying-head')))
    recordings.mexico.push(message);
  for await (const message of readCaptureFile(join(FIXTURES, 'capture/brazil-sprint-head.txt')))
    recordings.brazil.push(message);
});

function replayOf(
  messages: TopicMessage[],
  clock: ManualClock,
  speed: number,
  delivered: string[] = [],
): SessionReplay {
  return new SessionReplay({
    open: async function* () {
      yield* messages;
    },
    deliver: ({ topic }) => {
      delivered.push(topic);
    },
    clock,
    speed,
  });
}

describe('ReplayRegistry', () => {
  it('runs an archive and a live capture side by side, each at its own speed', async () => {
    const clock = new ManualClock();
    const mexico: string[] = [];
    const brazil: string[] = [];
    const registry = new ReplayRegistry();
    registry.add('9873', replayOf(recordings.mexico, clock, 10, mexico));
    registry.add('9864', replayOf(recordings.brazil, clock, 1, brazil));
    void registry.get('9873').start();
    void registry.get('9864').start();
    await clock.advance(2_000);

    // 2 s at 10× reaches 20 s of qualifying; 2 s at 1× reaches the first TimingData patch of the sprint.
    expect(mexico).toEqual([
      'SessionInfo',
      'TrackStatus',
      'ExtrapolatedClock',
      'ExtrapolatedClock',
      'SessionStatus',
      'Heartbeat',
    ]);
    expect(brazil).toHaveLength(12 + 1);
    expect(brazil.at(-1)).toBe('TimingData');
    expect(registry.list()).toEqual([
      expect.objectContaining({
        id: '9873',
        state: 'playing',
        speed: 10,
        messagesSent: 6,
        positionMs: 20_000,
      }),
      expect.objectContaining({
        id: '9864',
        state: 'playing',
        speed: 1,
        messagesSent: 13,
        positionMs: 2_000,
      }),
    ]);
  });

  it('refuses a second replay under the same id and names unknown ids', () => {
    const registry = new ReplayRegistry();
    const replay = registry.add('9873', replayOf(recordings.mexico, new ManualClock(), 1));
    expect(() => registry.add('9873', replay)).toThrow(ReplayAlreadyExistsError);
    expect(() => registry.get('9916')).toThrow(ReplayNotFoundError);
  });

  it('remove stops the replay and forgets it', async () => {
    const clock = new ManualClock();
    const registry = new ReplayRegistry();
    const replay = registry.add('9864', replayOf(recordings.brazil, clock, 1));
    const run = replay.start();
    await clock.advance(100);
    expect(registry.remove('9864')).toBe(true);
    await run;
    expect(replay.status()).toMatchObject({ state: 'finished', messagesSent: 12 });
    expect(registry.has('9864')).toBe(false);
    expect(registry.remove('9864')).toBe(false);
  });

  it('stopAll stops every replay', async () => {
    const clock = new ManualClock();
    const registry = new ReplayRegistry();
    const runs = ['a', 'b'].map((id) => registry.add(id, replayOf(recordings.mexico, clock, 1)).start());
    registry.stopAll();
    await Promise.all(runs);
    expect(registry.list()).toEqual([]);
  });
});
