import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type {
  CarDataBatch,
  PositionBatch,
  SessionEvent,
  SessionEventOfType,
  SessionEventType,
  TelemetryKind,
} from '@slipstream/contracts';

import { readArchiveSession, TopicMessage } from '../formats';
import { DerivationContext, DerivedOutput } from './event-draft';
import { asRecord, parseDurationMs } from './feed-values';
import { SessionEventDeriver } from './session-event-deriver';

const SESSIONS = join(__dirname, '../../../../data/sessions');
const MIAMI_RESULT = join(__dirname, '../../fixtures/official-results/2025-miami-sprint-results.csv');
const MEXICO_CARS = [1, 4, 5, 6, 10, 12, 14, 16, 18, 22, 23, 27, 30, 31, 43, 44, 55, 63, 81, 87];

interface Derived {
  messages: TopicMessage[];
  outputs: DerivedOutput[];
  deriver: SessionEventDeriver;
}

const recordings = new Map<string, Promise<TopicMessage[]>>();

/** Each bundled session is read once per test file; derivers never modify the messages. */
function readSession(folder: string): Promise<TopicMessage[]> {
  let recording = recordings.get(folder);
  if (!recording) {
    recording = (async () => {
      const messages: TopicMessage[] = [];
      for await (const message of readArchiveSession(join(SESSIONS, folder))) messages.push(message);
      return messages;
    })();
    recordings.set(folder, recording);
  }
  return recording;
}

const derivations = new Map<string, Promise<Derived>>();

function derivedSession(folder: string, sessionKey: number): Promise<Derived> {
  let derived = derivations.get(folder);
  if (!derived) {
    derived = readSession(folder).then((messages) => derive(messages, sessionKey));
    derivations.set(folder, derived);
  }
  return derived;
}

function derive(messages: TopicMessage[], sessionKey: number): Derived {
  const deriver = new SessionEventDeriver();
  const context = (message?: TopicMessage): DerivationContext => ({
    sessionKey,
    recordedAt: '2026-01-01T00:00:00.000Z',
    correlationId: `replay-${sessionKey}`,
    causationId: message ? `${message.topic}:${message.line}` : null,
  });
  const outputs = messages.flatMap((message) => deriver.apply(message, context(message)));
  outputs.push(...deriver.flush(context()));
  return { messages, outputs, deriver };
}

function eventsOf<T extends SessionEventType>(derived: Derived, type: T): Array<SessionEventOfType<T>> {
  return derived.outputs
    .filter(
      (output): output is { kind: 'event'; subject: string; event: SessionEvent } => output.kind === 'event',
    )
    .map((output) => output.event)
    .filter((event): event is SessionEventOfType<T> => event.type === type);
}

/** Each frame's cars as per-car batches, as TELEMETRY's readers see them. */
function batchesOf(derived: Derived, channel: TelemetryKind): Array<CarDataBatch | PositionBatch> {
  return derived.outputs.flatMap((output) =>
    output.kind === 'telemetry' && output.channel === channel
      ? output.frame.cars.map((car) => ({ sessionKey: output.frame.sessionKey, ...car }))
      : [],
  );
}

/** Fastest lap per driver from LapCompleted, leaving out laps race control deleted. */
function fastestLaps(derived: Derived): Map<number, { lapNumber: number; lapTimeMs: number }> {
  const deleted = new Set(
    eventsOf(derived, 'LapTimeDeleted').map(({ data }) => `${data.driverNumber}/${data.lapNumber}`),
  );
  const fastest = new Map<number, { lapNumber: number; lapTimeMs: number }>();
  for (const { data } of eventsOf(derived, 'LapCompleted')) {
    if (data.lapTimeMs === null || deleted.has(`${data.driverNumber}/${data.lapNumber}`)) continue;
    const best = fastest.get(data.driverNumber);
    if (!best || data.lapTimeMs < best.lapTimeMs)
      fastest.set(data.driverNumber, { lapNumber: data.lapNumber, lapTimeMs: data.lapTimeMs });
  }
  return fastest;
}

function finalClassification(derived: Derived) {
  return eventsOf(derived, 'ClassificationUpdated').at(-1)?.data;
}

/** Index of the first output that differs, or -1; telemetry is compared field by field, as stringifying it is slow. */
function firstDifference(first: DerivedOutput[], second: DerivedOutput[]): number {
  const sameSample = (a: object, b: object) =>
    Object.entries(a).every(([field, value]) => (b as Record<string, unknown>)[field] === value);
  for (let index = 0; index < Math.max(first.length, second.length); index++) {
    const [a, b] = [first[index], second[index]];
    if (!a || !b || a.kind !== b.kind || a.subject !== b.subject) return index;
    if (a.kind === 'event' && b.kind === 'event' && JSON.stringify(a.event) !== JSON.stringify(b.event))
      return index;
    if (a.kind === 'telemetry' && b.kind === 'telemetry') {
      const samplesOf = (output: typeof a) =>
        (output.frame.cars as Array<{ samples: object[] }>).flatMap(({ samples }) => samples);
      const [x, y] = [samplesOf(a), samplesOf(b)];
      if (a.msgId !== b.msgId || x.length !== y.length || !x.every((sample, i) => sameSample(sample, y[i])))
        return index;
    }
  }
  return -1;
}

describe('SessionEventDeriver on the 2025 Mexico City GP qualifying', () => {
  let mexico: Derived;
  beforeAll(async () => {
    mexico = await derivedSession('2025-mexico-city-gp-qualifying', 9873);
  });

  it('measures session time from the first Started status, on the clock of the feed', () => {
    const statuses = eventsOf(mexico, 'SessionStatusChanged').map(({ occurredAt, data }) => [
      data.status,
      occurredAt,
      data.sessionTimeMs,
    ]);
    // SessionData stamps Q1's start 21:00:00.130 and Q3's end 22:00:00.145 in its own payload.
    expect(statuses).toContainEqual(['Started', '2025-10-25T21:00:00.130Z', 0]);
    expect(statuses.filter(([status]) => status === 'Finished').at(-1)).toEqual([
      'Finished',
      '2025-10-25T22:00:00.145Z',
      3_600_015,
    ]);
  });

  it('frames car data for all 20 cars at the feed rate of about 3.7 samples per second', () => {
    const byCar = new Map<number, number[]>();
    for (const batch of batchesOf(mexico, 'car_data')) {
      const times = byCar.get(batch.driverNumber) ?? [];
      for (const sample of batch.samples) times.push(sample.utcMs);
      byCar.set(batch.driverNumber, times);
    }
    expect([...byCar.keys()].sort((a, b) => a - b)).toEqual(MEXICO_CARS);
    for (const times of byCar.values()) {
      // Every CarData frame carries every car: 17,356 samples between 20:47:27 and 22:05:07.
      expect(times).toHaveLength(17_356);
      const perSecond = times.length / ((times.at(-1)! - times[0]) / 1000);
      expect(perSecond).toBeGreaterThan(3.6);
      expect(perSecond).toBeLessThan(3.8);
    }
  });

  it('stores no sentinel: throttle and brake 104 become null, all-zero positions are left out', () => {
    const samples = (batchesOf(mexico, 'car_data') as CarDataBatch[]).flatMap((batch) => batch.samples);
    expect(samples.some((sample) => sample.throttle === null && sample.brake === null)).toBe(true);
    expect(samples.every((sample) => (sample.throttle ?? 0) <= 100 && (sample.brake ?? 0) <= 100)).toBe(true);

    const positions = batchesOf(mexico, 'position') as PositionBatch[];
    expect(new Set(positions.map((batch) => batch.driverNumber)).size).toBe(20);
    expect(
      positions.flatMap((batch) => batch.samples).some(({ x, y, z }) => x === 0 && y === 0 && z === 0),
    ).toBe(false);
    const tracked = new Map<number, number>();
    for (const { payload } of mexico.messages.filter((message) => message.topic === 'Position.z')) {
      for (const frame of (
        payload as { Position: Array<{ Entries: Record<string, { X: number; Y: number; Z: number }> }> }
      ).Position) {
        for (const [car, { X, Y, Z }] of Object.entries(frame.Entries)) {
          if (X !== 0 || Y !== 0 || Z !== 0) tracked.set(Number(car), (tracked.get(Number(car)) ?? 0) + 1);
        }
      }
    }
    for (const batch of positions)
      tracked.set(batch.driverNumber, tracked.get(batch.driverNumber)! - batch.samples.length);
    expect([...tracked.values()].every((left) => left === 0)).toBe(true);
  });

  it("gives every driver the feed's own best lap time (TimingStats) and F1's number for that lap (TimingAppData)", () => {
    const fastest = fastestLaps(mexico);
    const stats = asRecord(mexico.deriver.state.get('TimingStats')?.Lines) ?? {};
    const app = asRecord(mexico.deriver.state.get('TimingAppData')?.Lines) ?? {};
    for (const car of MEXICO_CARS) {
      const feedBestMs = parseDurationMs(asRecord(asRecord(stats[car])?.PersonalBestLapTime)?.Value);
      expect(fastest.get(car)?.lapTimeMs, `car ${car}`).toBe(feedBestMs);
      const stints = Object.values(asRecord(asRecord(app[car])?.Stints) ?? {}).map(
        (stint) => asRecord(stint) ?? {},
      );
      const stintOfBest = stints.find((stint) => parseDurationMs(stint.LapTime) === feedBestMs);
      expect(fastest.get(car)?.lapNumber, `car ${car}`).toBe(stintOfBest?.LapNumber);
    }
    const classified = finalClassification(mexico)!;
    expect(classified.phase).toBe('finalised');
    expect(
      classified.entries.map(({ driverNumber, bestLapTimeMs }) => [driverNumber, bestLapTimeMs]),
    ).toEqual(
      classified.entries.map(({ driverNumber }) => [driverNumber, fastest.get(driverNumber)?.lapTimeMs]),
    );
  });
});

describe('SessionEventDeriver on the 2025 Miami GP sprint', () => {
  let miami: Derived;
  const official = readFileSync(MIAMI_RESULT, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => row.split(','))
    .map((cells) => ({
      driverNumber: Number(cells[4]),
      laps: Number(cells[10]),
      fastestLap: cells[13] === '\\N' ? null : Number(cells[13]),
      fastestLapTimeMs: parseDurationMs(cells[14]),
    }));
  beforeAll(async () => {
    miami = await derivedSession('2025-miami-gp-sprint', 10028);
  });

  it('classifies laps completed and fastest lap per driver as the official result (sprint_results.csv, raceId 1150)', () => {
    const classified = finalClassification(miami)!;
    expect(classified.phase).toBe('finalised');
    const byDriver = new Map(classified.entries.map((entry) => [entry.driverNumber, entry]));
    const fastest = fastestLaps(miami);
    for (const result of official) {
      const entry = byDriver.get(result.driverNumber);
      expect(
        [entry?.lapsCompleted, entry?.bestLapNumber, entry?.bestLapTimeMs],
        `car ${result.driverNumber}`,
      ).toEqual([result.laps, result.fastestLap, result.fastestLapTimeMs]);
      const lap = fastest.get(result.driverNumber);
      expect([lap?.lapNumber ?? null, lap?.lapTimeMs ?? null]).toEqual([
        result.fastestLap,
        result.fastestLapTimeMs,
      ]);
    }
  });

  it("orders the classification as the feed's final order, before the stewards moved cars 23, 30 and 87", () => {
    const order = finalClassification(miami)!.entries.map(({ driverNumber }) => driverNumber);
    const timing = asRecord(miami.deriver.state.get('TimingData')?.Lines) ?? {};
    const feedOrder = Object.keys(timing).sort(
      (a, b) => Number(asRecord(timing[a])?.Position) - Number(asRecord(timing[b])?.Position),
    );
    expect(order).toEqual(feedOrder.map(Number));
    expect([23, 30, 87].map((car) => order.indexOf(car) + 1)).toEqual([4, 7, 8]);
    const unaffected = (cars: number[]) => cars.filter((car) => ![23, 30, 87].includes(car));
    expect(unaffected(order)).toEqual(unaffected(official.map(({ driverNumber }) => driverNumber)));
  });

  it("records a pit stop for every pit lane visit the feed counts, except Sainz's retirement in the pits", () => {
    const stops = eventsOf(miami, 'SessionPitStopRecorded').map(({ data }) => data);
    const timing = asRecord(miami.deriver.state.get('TimingData')?.Lines) ?? {};
    for (const [car, line] of Object.entries(timing)) {
      const counted = Number(asRecord(line)?.NumberOfPitStops ?? 0) - (car === '55' ? 1 : 0);
      expect(
        stops.filter(({ driverNumber }) => driverNumber === Number(car)),
        `car ${car}`,
      ).toHaveLength(counted);
    }
    // Waiting in the pit lane through the red flag before the start is not a stop.
    expect(stops.every(({ sessionTimeMs }) => sessionTimeMs !== null && sessionTimeMs > 0)).toBe(true);
    expect(stops.find(({ driverNumber }) => driverNumber === 1)).toMatchObject({
      lapNumber: 12,
      laneDurationMs: 25_772,
    });
  });

  it('reports the red flag, the safety car and every race control message', () => {
    expect(new Set(eventsOf(miami, 'TrackStatusChanged').map(({ data }) => data.state))).toEqual(
      new Set(['all_clear', 'yellow', 'red', 'safety_car']),
    );
    expect(eventsOf(miami, 'RaceControlMessageIssued')).toHaveLength(107);
  });
});

describe('SessionEventDeriver replays', () => {
  it('yields identical outputs, ids included, when the same messages go through fresh derivers', async () => {
    for (const [folder, sessionKey] of [
      ['2025-miami-gp-sprint', 10028],
      ['2025-mexico-city-gp-qualifying', 9873],
    ] as const) {
      const first = (await derivedSession(folder, sessionKey)).outputs;
      const second = derive(await readSession(folder), sessionKey).outputs;
      expect(second.length).toBe(first.length);
      expect(firstDifference(first, second), folder).toBe(-1);
    }
  });
});
