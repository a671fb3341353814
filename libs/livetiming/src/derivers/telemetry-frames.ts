import {
  CAR_DATA_NO_READING,
  type CarDataSample,
  type PositionSample,
  type TelemetryKind,
  telemetrySubjects,
} from '@slipstream/contracts';

import { parseF1Utc } from '../formats';
import { type TelemetryOutput } from './event-draft';
import { asRecord, driverNumberOf } from './feed-values';

/*
 * A CarData.z or Position.z message holds a few samples for every car; it becomes one TELEMETRY
 * message with the cars in it, grouped by car. The feed's no-reading values are dropped here:
 * throttle/brake 104 become null, and all-zero positions (car not tracked yet) are left out.
 */

/** Turns telemetry messages into TELEMETRY frames; one per session. */
export class TelemetryFramer {
  private readonly subjects: Record<TelemetryKind, string>;

  constructor(private readonly sessionKey: number) {
    this.subjects = {
      car_data: telemetrySubjects.frame(sessionKey, 'car_data'),
      position: telemetrySubjects.frame(sessionKey, 'position'),
    };
  }

  /** `Cars.<n>.Channels`: 0 rpm, 2 speed, 3 gear, 4 throttle, 5 brake, 45 DRS. */
  carData(payload: unknown): TelemetryOutput[] {
    return this.frame('car_data', carDataSamplesByDriver(payload));
  }

  /** `Position[].Entries.<n>`: Status, X, Y, Z. */
  positions(payload: unknown): TelemetryOutput[] {
    return this.frame('position', positionSamplesByDriver(payload));
  }

  /** One frame of every car with samples; nothing when no car has one. */
  private frame(
    channel: TelemetryKind,
    byDriver: Map<number, Array<CarDataSample | PositionSample>>,
  ): TelemetryOutput[] {
    if (byDriver.size === 0) return [];
    const cars = [...byDriver].map(([driverNumber, samples]) => ({ driverNumber, samples }));
    // The samples' type follows the channel: each reader above makes only its own kind.
    const output = {
      kind: 'telemetry',
      channel,
      subject: this.subjects[channel],
      msgId: this.msgId(channel, cars),
      frame: { sessionKey: this.sessionKey, cars },
    } as TelemetryOutput;
    return [output];
  }

  /**
   * The same frame always yields the same id, so JetStream drops a replayed or redelivered frame.
   * Spelled out rather than hashed: there are several frames a second per session. The feed's
   * frames do not overlap in time, so the first and last sample time and the count tell them apart.
   */
  private msgId(
    kind: TelemetryKind,
    cars: ReadonlyArray<{ samples: ReadonlyArray<{ utcMs: number }> }>,
  ): string {
    let first = Infinity;
    let last = -Infinity;
    let count = 0;
    for (const { samples } of cars) {
      count += samples.length;
      first = Math.min(first, samples[0].utcMs);
      last = Math.max(last, samples[samples.length - 1].utcMs);
    }
    return `tel:${this.sessionKey}:${kind}:${first}:${last}:${count}`;
  }
}

/*
 * The two readers below run for every car in every frame (hundreds of thousands of times a
 * session), hence plain loops instead of the entry-list helpers used elsewhere.
 */

export function carDataSamplesByDriver(payload: unknown): Map<number, CarDataSample[]> {
  const byDriver = new Map<number, CarDataSample[]>();
  const entries = asRecord(payload)?.Entries;
  if (!Array.isArray(entries)) return byDriver;
  for (const entry of entries) {
    const utcMs = parseF1Utc(asRecord(entry)?.Utc);
    const cars = asRecord(asRecord(entry)?.Cars);
    if (utcMs === undefined || !cars) continue;
    for (const key in cars) {
      const driverNumber = driverNumberOf(key);
      const channels = asRecord(asRecord(cars[key])?.Channels);
      if (driverNumber === null || !channels) continue;
      const sample = carDataSample(utcMs, channels);
      if (sample) samplesOf(byDriver, driverNumber).push(sample);
    }
  }
  return byDriver;
}

export function positionSamplesByDriver(payload: unknown): Map<number, PositionSample[]> {
  const byDriver = new Map<number, PositionSample[]>();
  const frames = asRecord(payload)?.Position;
  if (!Array.isArray(frames)) return byDriver;
  for (const frame of frames) {
    const utcMs = parseF1Utc(asRecord(frame)?.Timestamp);
    const cars = asRecord(asRecord(frame)?.Entries);
    if (utcMs === undefined || !cars) continue;
    for (const key in cars) {
      const driverNumber = driverNumberOf(key);
      const car = asRecord(cars[key]);
      if (driverNumber === null || !car) continue;
      const { X: x, Y: y, Z: z, Status: status } = car;
      if (!isInteger(x) || !isInteger(y) || !isInteger(z) || (x === 0 && y === 0 && z === 0)) continue;
      if (status !== 'OnTrack' && status !== 'OffTrack') continue;
      samplesOf(byDriver, driverNumber).push({ utcMs, x, y, z, status });
    }
  }
  return byDriver;
}

function carDataSample(utcMs: number, channels: Record<string, unknown>): CarDataSample | undefined {
  const { 0: rpm, 2: speed, 3: gear, 4: throttle, 5: brake, 45: drs } = channels;
  if (!isInteger(rpm) || !isInteger(speed) || !isInteger(gear) || !isInteger(drs)) return undefined;
  return { utcMs, rpm, speed, gear, throttle: percentOrNull(throttle), brake: percentOrNull(brake), drs };
}

/** 104 is the feed's "no reading"; nothing else outside 0-100 is a percentage either. */
function percentOrNull(value: unknown): number | null {
  if (!isInteger(value) || value === CAR_DATA_NO_READING) return null;
  return value >= 0 && value <= 100 ? value : null;
}

function samplesOf<T>(byDriver: Map<number, T[]>, driverNumber: number): T[] {
  let samples = byDriver.get(driverNumber);
  if (!samples) {
    samples = [];
    byDriver.set(driverNumber, samples);
  }
  return samples;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}
