import { describe, expect, it } from 'vitest';

import { telemetrySubjects } from '@slipstream/contracts';

import { TelemetryFramer } from './telemetry-frames';

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

describe('TelemetryFramer', () => {
  it('makes one car data frame of every car, grouped by car, turning the no-reading value 104 into null', () => {
    const frames = new TelemetryFramer(9873).carData(carFrame);
    expect(frames.map(({ subject }) => subject)).toEqual([telemetrySubjects.frame(9873, 'car_data')]);
    const cars = frames[0].frame.cars;
    expect(cars.map(({ driverNumber }) => driverNumber)).toEqual([4, 12]);
    expect(cars.map(({ samples }) => samples)).toEqual([
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
    const frames = new TelemetryFramer(9873).positions(positionFrame);
    expect(frames.map(({ subject }) => subject)).toEqual([telemetrySubjects.frame(9873, 'position')]);
    expect(frames[0].frame.cars).toEqual([
      {
        driverNumber: 81,
        samples: [
          { utcMs: Date.UTC(2025, 9, 25, 20, 46, 44, 814), x: 7679, y: -5196, z: 22275, status: 'OnTrack' },
        ],
      },
    ]);
  });

  it('publishes nothing for a frame without a car reading', () => {
    const untracked = {
      Position: [{ ...positionFrame.Position[0], Entries: { '1': { Status: 'OnTrack', X: 0, Y: 0, Z: 0 } } }],
    };
    expect(new TelemetryFramer(9873).positions(untracked)).toEqual([]);
    expect(new TelemetryFramer(9873).carData({ Entries: [] })).toEqual([]);
  });

  it('gives a frame the same message id every time, so JetStream drops a replayed frame', () => {
    const id = (frame: unknown) => new TelemetryFramer(9873).carData(frame).map((output) => output.msgId);
    expect(id(carFrame)).toEqual(id(carFrame));
    const later = { Entries: [{ ...carFrame.Entries[0], Utc: '2025-10-25T21:04:10.1208462Z' }] };
    expect(id(later)).not.toEqual(id(carFrame));
    expect(id(carFrame)[0]).not.toEqual(new TelemetryFramer(9873).positions(positionFrame)[0].msgId);
  });
});
