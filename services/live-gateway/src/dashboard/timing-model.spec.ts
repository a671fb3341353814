import { describe, expect, it } from 'vitest';

// The dashboard's browser module, run here as it is served (plain JavaScript, no types).
// @ts-expect-error TS7016: the module has no declaration file
import { SessionModel } from '../../public/dashboard/timing-model.js';

const position = (utcMs: number, x: number) => ({ utcMs, x, y: 0, z: 0, status: 'OnTrack' });
const frame = (seq: number, cars: number[], x: number) => ({
  sessionKey: 9873,
  topic: 'positions',
  stream: 'TELEMETRY',
  items: cars.map((driverNumber) => ({ seq, driverNumber, samples: [position(seq, x)] })),
});

function model() {
  const session = new SessionModel();
  session.reset(9873);
  return session as {
    applyFrame(frame: unknown): void;
    synced(sequences: { EVENTS: number; TELEMETRY: number }): void;
    positions: Map<number, { x: number }>;
    positionTrails: Map<number, unknown[]>;
  };
}

describe('the dashboard session model', () => {
  it("applies every car of a TELEMETRY message, whose items share the message's seq", () => {
    const session = model();
    session.applyFrame(frame(10, [1, 4, 16], 100));
    expect([...session.positions.keys()]).toEqual([1, 4, 16]);
  });

  it('takes the rest of a message split across two frames (a catch-up chunk boundary)', () => {
    const session = model();
    session.applyFrame(frame(10, [1, 4], 100));
    session.applyFrame(frame(10, [16], 100));
    expect([...session.positions.keys()]).toEqual([1, 4, 16]);
  });

  it('skips what a resume replays again: earlier messages, and cars already applied at the last seq', () => {
    const session = model();
    session.applyFrame(frame(10, [1, 4], 100));
    session.applyFrame(frame(11, [1], 200));
    session.applyFrame(frame(10, [1, 4], 100)); // replayed
    session.applyFrame(frame(11, [1, 4], 200)); // car 1 again, car 4 new
    expect(session.positions.get(1)!.x).toBe(200);
    expect(session.positions.get(4)!.x).toBe(200);
    expect(session.positionTrails.get(1)).toHaveLength(2);
  });

  it('after a sync, a replayed item of a message it covers is old news', () => {
    const session = model();
    session.applyFrame(frame(10, [1], 100));
    session.synced({ EVENTS: 0, TELEMETRY: 10 });
    session.applyFrame(frame(10, [4], 100));
    expect(session.positions.has(4)).toBe(false);
    session.applyFrame(frame(12, [4], 300));
    expect(session.positions.get(4)!.x).toBe(300);
  });
});
