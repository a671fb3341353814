import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The analytics pages' plain functions (public/analytics/*-data.js, stats.js) are browser modules
 * without types; they use no DOM, so they run here as they are.
 */
const module = (name: string) =>
  import(pathToFileURL(resolve(__dirname, '../../public/analytics', name)).href) as Promise<
    Record<string, (...args: never[]) => unknown>
  >;

type Fn = (...args: unknown[]) => unknown;
let stats: Record<string, Fn>;
let race: Record<string, Fn>;
let laps: Record<string, Fn>;

beforeAll(async () => {
  [stats, race, laps] = (await Promise.all([
    module('stats.js'),
    module('race-data.js'),
    module('laps-data.js'),
  ])) as [Record<string, Fn>, Record<string, Fn>, Record<string, Fn>];
});

const at = (seconds: number) => new Date(Date.UTC(2025, 4, 3, 16) + seconds * 1000).toISOString();

describe('box-plot numbers', () => {
  it('are min, quartiles by linear interpolation, median and max', () => {
    expect(stats.fiveNumbers([4, 1, 3, 2])).toEqual([1, 1.75, 2.5, 3.25, 4]);
    expect(stats.fiveNumbers([100.1234, 101.5])).toEqual([100.123, 100.468, 100.812, 101.156, 101.5]);
  });
});

describe('values at the end of each lap', () => {
  const lapsRows = [
    { driver_number: 1, lap_number: 2, date_start: at(0), lap_duration: 90 },
    { driver_number: 1, lap_number: 3, date_start: at(90), lap_duration: 91 },
    { driver_number: 1, lap_number: 4, date_start: at(181), lap_duration: null },
  ];

  it('takes the last change at or before the lap ended, and skips laps without a time', () => {
    const changes = [
      { driver_number: 1, date: at(10), position: 5 },
      { driver_number: 1, date: at(90), position: 4 },
      { driver_number: 1, date: at(120), position: 3 },
      { driver_number: 2, date: at(1), position: 1 },
    ];
    expect([...(race.valueAtLapEnd(lapsRows, changes, 'position') as Map<number, unknown>)]).toEqual([
      [
        1,
        [
          [2, 4],
          [3, 3],
        ],
      ],
    ]);
  });

  it('leaves out gaps given in laps', () => {
    const gaps = [
      { driver_number: 1, date: at(5), gap_to_leader: 1.5 },
      { driver_number: 1, date: at(100), gap_to_leader: '+1 LAP' },
    ];
    expect([...(race.valueAtLapEnd(lapsRows, gaps, 'gap_to_leader') as Map<number, unknown>)]).toEqual([
      [
        1,
        [
          [2, 1.5],
          [3, 1.5],
        ],
      ],
    ]);
  });
});

describe('race pace by stint', () => {
  it('leaves out lap 1, pit laps and deleted laps, and stints with fewer than two laps', () => {
    const lap = (n: number, t: number, extra = {}) => ({
      driver_number: 4,
      lap_number: n,
      lap_duration: t,
      ...extra,
    });
    const rows = [
      lap(1, 120),
      lap(2, 100),
      lap(3, 101),
      lap(4, 130, { is_pit_in_lap: true }),
      lap(5, 125, { is_pit_out_lap: true }),
      lap(6, 99, { is_deleted: true }),
      lap(7, 98),
    ];
    const stints = [
      { driver_number: 4, stint_number: 1, compound: 'MEDIUM', lap_start: 1, lap_end: 4 },
      { driver_number: 4, stint_number: 2, compound: 'HARD', lap_start: 5, lap_end: null },
    ];
    expect(race.paceByStint(rows, stints)).toEqual([
      { driver: 4, stint: 1, compound: 'MEDIUM', laps: 2, box: [100, 100.25, 100.5, 100.75, 101] },
    ]);
  });
});

describe('distance along the lap', () => {
  it('sums the steps between positions (tenths of a metre) and places samples between them in time', () => {
    const positions = [
      { date: at(0), x: 0, y: 0 },
      { date: at(1), x: 300, y: 400 },
      { date: at(2), x: 300, y: 1400 },
    ];
    const samples = [
      { date: at(0), speed: 100 },
      { date: at(0.5), speed: 110 },
      { date: at(1.5), speed: 120 },
      { date: at(3), speed: 130 },
    ];
    expect(
      (laps.withDistance(samples, positions) as Array<{ distance: number }>).map((s) => s.distance),
    ).toEqual([0, 25, 100, 150]);
  });

  it("picks a driver's fastest lap that counts", () => {
    const rows = [
      { driver_number: 16, lap_number: 3, lap_duration: 75.1, is_deleted: true, date_start: at(0) },
      { driver_number: 16, lap_number: 5, lap_duration: 75.8, is_deleted: false, date_start: at(200) },
      { driver_number: 16, lap_number: 6, lap_duration: null, is_deleted: false, date_start: at(300) },
      { driver_number: 4, lap_number: 2, lap_duration: 74.9, is_deleted: false, date_start: at(100) },
    ];
    expect(laps.fastestLap(rows, 16)).toMatchObject({ lap_number: 5 });
  });
});
