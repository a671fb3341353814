import { CAR_DATA_NO_READING, CarDataSample, PositionSample, telemetrySubjects } from '@slipstream/contracts';

import { parseF1Utc } from '../formats';
import { DerivedOutput, TelemetryChannel } from './event-draft';
import { asRecord, driverNumberOf } from './feed-values';

/*
 * CarData.z and Position.z frames hold a few samples for every car; TELEMETRY wants them per car,
 * so each frame becomes one batch per driver. The feed's no-reading values are dropped here:
 * throttle/brake 104 become null, and all-zero positions (car not tracked yet) are left out.
 */

/** Turns telemetry frames into per-driver batches; one per session, as it caches the subjects. */
export class TelemetryBatcher {
  private readonly subjects = new Map<string, string>();

  constructor(private readonly sessionKey: number) {}

  /** `Cars.<n>.Channels`: 0 rpm, 2 speed, 3 gear, 4 throttle, 5 brake, 45 DRS. */
  carData(payload: unknown): DerivedOutput[] {
    return [...carDataSamplesByDriver(payload)].map(([driverNumber, samples]) => ({
      kind: 'telemetry',
      channel: 'car',
      subject: this.subject(driverNumber, 'car'),
      msgId: this.msgId(driverNumber, 'car', samples),
      batch: { sessionKey: this.sessionKey, driverNumber, samples },
    }));
  }

  /** `Position[].Entries.<n>`: Status, X, Y, Z. */
  positions(payload: unknown): DerivedOutput[] {
    return [...positionSamplesByDriver(payload)].map(([driverNumber, samples]) => ({
      kind: 'telemetry',
      channel: 'pos',
      subject: this.subject(driverNumber, 'pos'),
      msgId: this.msgId(driverNumber, 'pos', samples),
      batch: { sessionKey: this.sessionKey, driverNumber, samples },
    }));
  }

  private subject(driverNumber: number, channel: TelemetryChannel): string {
    const key = `${driverNumber}.${channel}`;
    let subject = this.subjects.get(key);
    if (subject === undefined) {
      subject = telemetrySubjects.of(this.sessionKey, driverNumber, channel);
      this.subjects.set(key, subject);
    }
    return subject;
  }

  /**
   * The same frame always yields the same id, so JetStream drops a replayed or redelivered batch.
   * Spelled out rather than hashed: there are thousands of batches a second.
   */
  private msgId(
    driverNumber: number,
    channel: TelemetryChannel,
    samples: ReadonlyArray<{ utcMs: number }>,
  ): string {
    const first = samples[0].utcMs;
    const last = samples[samples.length - 1].utcMs;
    return `tel:${this.sessionKey}:${driverNumber}:${channel}:${first}:${last}:${samples.length}`;
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
