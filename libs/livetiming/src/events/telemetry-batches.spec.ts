import { describe, expect, it } from 'vitest';

import { TelemetryBatcher } from './telemetry-batches';

// Decoded CarData.z and Position.z frames of the 2025 Mexico City GP qualifying, two cars kept.
const carFrame = {
  Entries: [
    {
      Utc: '2025-10-25T21:04:09.9208462Z',
      Cars: {
        '4': { Channels: { '0': 9435, '2': 138, '3': 3, '4': 0, '5': 100, '45': 8 } },
        '12': { Channels: { '0': 0, '2': 0, '3': 0, '4': 104, '5': 104, '45': 8 } },
      },
    },
  ],
};
const positionFrame = {
  Position: [
    {
      Timestamp: '2025-10-25T20:46:44.814876Z',
      Entries: {
        '1': { Status: 'OnTrack', X: 0, Y: 0, Z: 0 },
        '81': { Status: 'OnTrack', X: 7679, Y: -5196, Z: 22275 },
      },
    },
  ],
};

describe('TelemetryBatcher', () => {
  it('batches car data per driver on its TELEMETRY subject, turning the no-reading value 104 into null', () => {
    const batches = new TelemetryBatcher(9873).carData(carFrame);
    expect(batches.map(({ subject }) => subject)).toEqual(['tel.9873.4.car', 'tel.9873.12.car']);
    expect(batches.map((output) => output.kind === 'telemetry' && output.batch.samples)).toEqual([
      [
        {
          utcMs: Date.UTC(2025, 9, 25, 21, 4, 9, 920),
          rpm: 9435,
          speed: 138,
          gear: 3,
          throttle: 0,
          brake: 100,
          drs: 8,
        },
      ],
      [
        {
          utcMs: Date.UTC(2025, 9, 25, 21, 4, 9, 920),
          rpm: 0,
          speed: 0,
          gear: 0,
          throttle: null,
          brake: null,
          drs: 8,
        },
      ],
    ]);
  });

  it('leaves out cars the tracking system has not picked up yet (X, Y and Z all 0)', () => {
    const batches = new TelemetryBatcher(9873).positions(positionFrame);
    expect(batches.map(({ subject }) => subject)).toEqual(['tel.9873.81.pos']);
    expect(batches[0].kind === 'telemetry' && batches[0].batch.samples).toEqual([
      { utcMs: Date.UTC(2025, 9, 25, 20, 46, 44, 814), x: 7679, y: -5196, z: 22275, status: 'OnTrack' },
    ]);
  });

  it('gives a frame the same message id every time, so JetStream drops a replayed batch', () => {
    const ids = () =>
      new TelemetryBatcher(9873)
        .carData(carFrame)
        .map((output) => output.kind === 'telemetry' && output.msgId);
    expect(ids()).toEqual(ids());
    expect(new Set(ids()).size).toBe(2);
  });
});
