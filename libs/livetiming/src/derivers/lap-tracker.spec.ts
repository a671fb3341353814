import { describe, expect, it } from 'vitest';

import { FeedRecord } from './feed-values';
import { CompletedLap, LAP_SETTLE_MS, LapTracker } from './lap-tracker';

/** Feeds one car's TimingData line patches, given as [archive offset ms, patch], through a tracker. */
function track(
  patches: Array<[number, FeedRecord]>,
  driverNumber: number,
  baseline?: [number, FeedRecord],
): CompletedLap[] {
  const tracker = new LapTracker();
  if (baseline) tracker.onLinePatch(driverNumber, baseline[1], moment(baseline[0], true));
  const laps = patches.flatMap(([offsetMs, patch]) => [
    ...tracker.settleDue(offsetMs),
    ...tracker.onLinePatch(driverNumber, patch, moment(offsetMs, false)),
  ]);
  return [...laps, ...tracker.settleAll()];
}

function moment(offsetMs: number, baseline: boolean) {
  return { utcMs: offsetMs, streamMs: offsetMs, baseline, sessionPart: null };
}

const summary = (lap: CompletedLap) => ({
  lapNumber: lap.lapNumber,
  lapTimeMs: lap.lapTimeMs,
  sectorsMs: lap.sectorsMs,
  pitOut: lap.pitOut,
  pitIn: lap.pitIn,
  personalBest: lap.personalBest,
});

describe('LapTracker', () => {
  // Car 44, 2025 Mexico City GP qualifying, Q1: TimingData line patches as recorded, trimmed to what laps are made of.
  const hamiltonFirstRun: Array<[number, FeedRecord]> = [
    [958828, { Line: 7, Position: '7', InPit: false, PitOut: true, Status: 288, NumberOfLaps: 1 }],
    [1012216, { PitOut: false, Status: 768, Speeds: { I1: { Value: '245', PersonalFastest: true } } }],
    [
      1049997,
      {
        Sectors: { '1': { Value: '37.738', PersonalFastest: true } },
        Speeds: { I2: { Value: '268', PersonalFastest: true } },
      },
    ],
    [
      1072507,
      {
        NumberOfLaps: 2,
        Sectors: { '2': { Value: '22.611', PersonalFastest: true } },
        Speeds: { FL: { Value: '253', PersonalFastest: true } },
      },
    ],
    [
      1099907,
      {
        Sectors: { '0': { Value: '27.339', PersonalFastest: true }, '1': { Value: '' }, '2': { Value: '' } },
        Speeds: { I1: { Value: '318' } },
      },
    ],
    [
      1129880,
      { Sectors: { '1': { Value: '29.869' } }, Speeds: { I2: { Value: '296', PersonalFastest: true } } },
    ],
    [
      1150473,
      {
        NumberOfLaps: 3,
        Sectors: { '2': { Value: '20.683' } },
        BestLapTime: { Value: '1:17.891', Lap: 2 },
        LastLapTime: { Value: '1:17.891' },
      },
    ],
  ];
  const baseline: [number, FeedRecord] = [25579, { InPit: true, PitOut: false, LastLapTime: { Value: '' } }];

  it("numbers laps as F1's race control does: the garage exit is lap 1, so the out-lap is lap 2", () => {
    expect(track(hamiltonFirstRun, 44, baseline).map(summary)).toEqual([
      {
        lapNumber: 2,
        lapTimeMs: null,
        sectorsMs: [null, 37738, 22611],
        pitOut: true,
        pitIn: false,
        personalBest: false,
      },
      {
        lapNumber: 3,
        lapTimeMs: 77891,
        sectorsMs: [27339, 29869, 20683],
        pitOut: false,
        pitIn: false,
        personalBest: true,
      },
    ]);
  });

  it('waits for values that trail the crossing and closes the lap once they had time to arrive', () => {
    // Car 16, Q1: sector 3 and the finish-line speed came 78 ms after the lap time.
    const tracker = new LapTracker();
    tracker.onLinePatch(16, { NumberOfLaps: 3, LastLapTime: { Value: '1:17.285' } }, moment(1172200, true));
    const crossing: FeedRecord = {
      NumberOfLaps: 4,
      LastLapTime: { Value: '1:42.536', PersonalFastest: false },
    };
    expect(tracker.onLinePatch(16, crossing, moment(1274786, false))).toEqual([]);
    const trailing: FeedRecord = {
      Sectors: { '2': { Value: '26.013', PersonalFastest: false } },
      Speeds: { FL: { Value: '189' } },
    };
    expect(tracker.onLinePatch(16, trailing, moment(1274864, false))).toEqual([]);
    expect(tracker.settleDue(1274786 + LAP_SETTLE_MS - 1)).toEqual([]);
    const [lap] = tracker.settleDue(1274786 + LAP_SETTLE_MS);
    expect([lap.lapNumber, lap.lapTimeMs, lap.sectorsMs[2], lap.speedsKph.fl]).toEqual([
      4, 102536, 26013, 189,
    ]);
  });

  it('counts a qualifying in-lap whose count the feed holds back until the car leaves the pits', () => {
    const laps = track(
      [
        [
          1447708,
          {
            NumberOfLaps: 6,
            BestLapTime: { Value: '1:17.258', Lap: 5 },
            LastLapTime: { Value: '1:17.258', PersonalFastest: true },
          },
        ],
        [1545234, { InPit: true, Status: 80, NumberOfPitStops: 1 }],
        [
          1548110,
          {
            Sectors: { '2': { Value: '27.719', PersonalFastest: false } },
            LastLapTime: { Value: '1:40.311', PersonalFastest: false },
          },
        ],
        [1735682, { InPit: false, PitOut: true, Status: 608, NumberOfLaps: 7 }],
        [1834404, { NumberOfLaps: 8, LastLapTime: { Value: '4:46.375' } }],
      ],
      44,
      baseline,
    );
    expect(
      laps.map(({ lapNumber, lapTimeMs, pitIn, pitOut }) => [lapNumber, lapTimeMs, pitIn, pitOut]),
    ).toEqual([
      [6, 77258, false, false],
      [7, 100311, true, false],
      [8, 286375, false, true],
    ]);
  });

  it('in a race, completes the lap the count reaches, pit lane crossings included (car 1, 2025 Miami sprint)', () => {
    const laps = track(
      [
        [
          5537515,
          {
            NumberOfLaps: 11,
            Sectors: { '2': { Value: '27.583', PersonalFastest: true } },
            LastLapTime: { Value: '1:42.155' },
          },
        ],
        [5638545, { InPit: true, Status: 80, NumberOfPitStops: 1 }],
        [
          5644232,
          { NumberOfLaps: 12, Sectors: { '2': { Value: '32.516' } }, LastLapTime: { Value: '1:46.775' } },
        ],
        [5664317, { InPit: false, PitOut: true, Status: 8800 }],
        [
          5699378,
          {
            PitOut: false,
            Status: 576,
            Sectors: { '0': { Value: '55.223' } },
            Speeds: { I1: { Value: '211', PersonalFastest: true } },
          },
        ],
        [
          5765629,
          {
            NumberOfLaps: 13,
            Sectors: { '2': { Value: '27.317', PersonalFastest: true } },
            LastLapTime: { Value: '2:01.379' },
          },
        ],
      ],
      1,
    );
    expect(
      laps.map(({ lapNumber, lapTimeMs, pitIn, pitOut }) => [lapNumber, lapTimeMs, pitIn, pitOut]),
    ).toEqual([
      [11, 102155, false, false],
      [12, 106775, true, false],
      [13, 121379, false, true],
    ]);
  });
});
