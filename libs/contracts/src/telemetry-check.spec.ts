import { describe, expect, it } from 'vitest';

import { carDataFrameSchema, positionFrameSchema } from './telemetry';
import { isCarDataFrame, isPositionFrame } from './telemetry-check';

const carFrame = () => ({
  sessionKey: 9873,
  cars: [
    {
      driverNumber: 4,
      samples: [
        { utcMs: 1_761_426_000_123, rpm: 11_800, speed: 318, gear: 8, throttle: 100, brake: 0, drs: 12 },
        { utcMs: 1_761_426_000_393, rpm: 0, speed: 0, gear: 0, throttle: null, brake: null, drs: 0 },
      ],
    },
    {
      driverNumber: 81,
      samples: [{ utcMs: 0, rpm: 65_535, speed: 65_535, gear: 7, throttle: 0, brake: 100, drs: 255 }],
    },
  ],
});
const positionFrame = () => ({
  sessionKey: 9873,
  cars: [
    {
      driverNumber: 1,
      samples: [{ utcMs: 1_761_426_000_007, x: -2_147_483_648, y: 2_147_483_647, z: 0, status: 'OnTrack' }],
    },
    { driverNumber: 16, samples: [{ utcMs: 1_761_426_000_007, x: 1, y: -1, z: 90, status: 'OffTrack' }] },
  ],
});

/** Values that break one bound or another: the edges of every column type, and non-numbers. */
const HOSTILE = [
  undefined,
  null,
  -1,
  0,
  1.5,
  8,
  9,
  100,
  101,
  104,
  255,
  256,
  65_535,
  65_536,
  -2_147_483_649,
  2_147_483_648,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '4',
  true,
  {},
  [],
  'OnTrack',
  'Garage',
];

/** A seeded generator, so a failure names a case that can be run again. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A copy of the frame with one field somewhere (frame, car or sample) replaced or removed. */
function mutate(frame: Record<string, unknown>, next: () => number): unknown {
  const copy = structuredClone(frame) as {
    cars: Array<{ samples: Array<Record<string, unknown>> } & Record<string, unknown>>;
  } & Record<string, unknown>;
  const car = copy.cars[Math.floor(next() * copy.cars.length)];
  const sample = car.samples[Math.floor(next() * car.samples.length)];
  const target: Record<string, unknown> = [copy, car, sample][Math.floor(next() * 3)];
  const keys = Object.keys(target);
  const key = keys[Math.floor(next() * keys.length)];
  const value = HOSTILE[Math.floor(next() * HOSTILE.length)];
  if (value === undefined) delete target[key];
  else target[key] = value;
  return copy;
}

describe.each([
  { kind: 'car data', make: carFrame, check: isCarDataFrame, schema: carDataFrameSchema },
  { kind: 'positions', make: positionFrame, check: isPositionFrame, schema: positionFrameSchema },
])('the hand check of $kind frames', ({ make, check, schema }) => {
  it('passes the frames the schema passes, edges of every column included', () => {
    expect(schema.safeParse(make()).success).toBe(true);
    expect(check(make())).toBe(true);
  });

  it('never passes a frame the schema refuses (2,000 broken frames)', () => {
    const next = random(14);
    let refused = 0;
    for (let n = 0; n < 2_000; n++) {
      const broken = mutate(make(), next);
      const valid = schema.safeParse(broken).success;
      if (check(broken)) expect({ n, broken, valid }).toMatchObject({ valid: true });
      if (!valid) refused++;
    }
    // The cases must mostly be broken for the comparison to mean something.
    expect(refused).toBeGreaterThan(1_000);
  });

  it('refuses what is not a frame at all', () => {
    for (const value of [null, undefined, 42, 'frame', [], {}, { sessionKey: 9873, cars: [] }])
      expect(check(value)).toBe(false);
  });
});
