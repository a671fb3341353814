import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

import {
  type CarDataBatch,
  contentHash,
  type PositionBatch,
  type SessionEvent,
  sessionEventSubject,
  type TelemetryKind,
  telemetrySubjects,
} from '@slipstream/contracts';
import { encodeJson } from '@slipstream/messaging';

/** Publishes events and telemetry as normalization does (subject, `Nats-Msg-Id`); returns stream sequences. */
export class FeedPublisher {
  private readonly js: JetStreamClient;

  constructor(nc: NatsConnection) {
    this.js = jetstream(nc);
  }

  async event(event: SessionEvent): Promise<number> {
    const ack = await this.js.publish(sessionEventSubject(event), encodeJson(event), { msgID: event.id });
    return ack.seq;
  }

  async events(events: readonly SessionEvent[]): Promise<number[]> {
    const sequences: number[] = [];
    for (const event of events) sequences.push(await this.event(event));
    return sequences;
  }

  /** One car's samples, as a frame with that car alone. */
  async carData(batch: CarDataBatch): Promise<number> {
    return this.telemetry('car_data', batch);
  }

  async positions(batch: PositionBatch): Promise<number> {
    return this.telemetry('position', batch);
  }

  private async telemetry(
    kind: TelemetryKind,
    { sessionKey, driverNumber, samples }: CarDataBatch | PositionBatch,
  ): Promise<number> {
    const subject = telemetrySubjects.frame(sessionKey, kind);
    const frame = { sessionKey, cars: [{ driverNumber, samples }] };
    const ack = await this.js.publish(subject, encodeJson(frame), {
      msgID: `${subject}:${contentHash(frame)}`,
    });
    return ack.seq;
  }
}
