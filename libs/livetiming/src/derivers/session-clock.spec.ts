import { describe, expect, it } from 'vitest';

import { TopicMessage } from '../formats';
import { SessionClock } from './session-clock';

const message = (topic: string, offsetMs: number, payload: unknown): TopicMessage => ({
  topic,
  offsetMs,
  payload,
  line: 1,
});

describe('SessionClock', () => {
  it('maps archive offsets to UTC with the clocks the payloads carry (2025 Mexico City GP qualifying)', () => {
    const clock = new SessionClock();
    const status = message('SessionStatus', 816231, { Status: 'Started', Started: 'Started' });
    expect(clock.utcMsOf(status)).toBeUndefined();
    clock.observe(
      message('ExtrapolatedClock', 4110, { Utc: '2025-10-25T20:46:28.009Z', Remaining: '00:18:00' }),
      true,
    );
    expect(new Date(clock.utcMsOf(status)!).toISOString()).toBe('2025-10-25T21:00:00.130Z');
  });

  it('prefers exact clocks over race control, which stamps whole seconds', () => {
    const clock = new SessionClock();
    clock.observe(
      message('RaceControlMessages', 1905512, {
        Messages: {
          '3': { Utc: '2025-10-25T21:18:09', Message: 'FIRST CAR TO TAKE THE FLAG - CAR 63 (RUS)' },
        },
      }),
      false,
    );
    const heartbeatAt = message('Heartbeat', 15110, { Utc: '2025-10-25T20:46:41.1110449Z' });
    expect(new Date(clock.utcMsOf(heartbeatAt)!).toISOString()).toBe('2025-10-25T20:46:38.598Z');
    clock.observe(
      message('SessionData', 25579, {
        Series: { '1': { Utc: '2025-10-25T20:46:49.478Z', QualifyingPart: 1 } },
      }),
      false,
    );
    expect(new Date(clock.utcMsOf(heartbeatAt)!).toISOString()).toBe('2025-10-25T20:46:39.009Z');
  });

  it('measures session time from the first start, not from the start of the stream', () => {
    const clock = new SessionClock();
    clock.markSessionStarted(Date.parse('2025-10-25T21:00:00.130Z'));
    clock.markSessionStarted(Date.parse('2025-10-25T21:25:00.114Z'));
    expect(clock.sessionTimeMs(Date.parse('2025-10-25T22:00:00.145Z'))).toBe(3_600_015);
  });
});
