import { type NatsConnection, type Subscription } from '@nats-io/transport-node';

import { rawSubjects, telemetrySubjects } from '@slipstream/contracts';
import { inflateCompressedPayload, positionSamplesByDriver } from '@slipstream/livetiming';

import { nowMs } from './clock';

/**
 * Sees every RAW position message as the replay publishes it (a core subscription on loopback:
 * within a fraction of a millisecond of the publish) and remembers, for each position sample's
 * timestamp, when the message carrying it was published. A client later receiving that sample
 * from the gateway gives one end-to-end latency: replay publish → normalization → TELEMETRY →
 * gateway tick → socket. Normalization's publishes to TELEMETRY are seen too, to split it in two.
 */
export class RawPositionTap {
  private readonly publishedAt = new Map<number, number>();
  private readonly normalizedAt = new Map<string, number>();
  private readonly subscriptions: Subscription[] = [];

  constructor(nc: NatsConnection, sessionKey: number) {
    this.subscriptions.push(
      nc.subscribe(rawSubjects.livetiming(sessionKey, 'Position.z'), {
        callback: (error, message) => {
          if (error) return;
          const seenMs = nowMs();
          const record = message.json<{ payload: unknown }>();
          const payload =
            typeof record.payload === 'string' ? inflateCompressedPayload(record.payload) : record.payload;
          for (const samples of positionSamplesByDriver(payload).values()) {
            for (const { utcMs } of samples)
              if (!this.publishedAt.has(utcMs)) this.publishedAt.set(utcMs, seenMs);
          }
        },
      }),
      nc.subscribe(telemetrySubjects.frame(sessionKey, 'position'), {
        callback: (error, message) => {
          if (error) return;
          const seenMs = nowMs();
          const frame = message.json<{
            cars: Array<{ driverNumber: number; samples: Array<{ utcMs: number }> }>;
          }>();
          for (const car of frame.cars) {
            const key = `${car.driverNumber}:${car.samples[0]?.utcMs}`;
            if (!this.normalizedAt.has(key)) this.normalizedAt.set(key, seenMs);
          }
        },
      }),
    );
  }

  /** When the RAW message holding a sample with this timestamp was published; undefined if not seen. */
  publishedMs(sampleUtcMs: number): number | undefined {
    return this.publishedAt.get(sampleUtcMs);
  }

  /** When normalization published the frame holding this car's samples starting with this one (to TELEMETRY). */
  normalizedMs(driverNumber: number, firstSampleUtcMs: number): number | undefined {
    return this.normalizedAt.get(`${driverNumber}:${firstSampleUtcMs}`);
  }

  stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }
}
