import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

import {
  type CarDataBatch,
  contentHash,
  type PositionBatch,
  type SessionEvent,
  sessionEventSubject,
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

  async carData(batch: CarDataBatch): Promise<number> {
    return this.telemetry(telemetrySubjects.of(batch.sessionKey, batch.driverNumber, 'car'), batch);
  }

  async positions(batch: PositionBatch): Promise<number> {
    return this.telemetry(telemetrySubjects.of(batch.sessionKey, batch.driverNumber, 'pos'), batch);
  }

  private async telemetry(subject: string, batch: CarDataBatch | PositionBatch): Promise<number> {
    const ack = await this.js.publish(subject, encodeJson(batch), {
      msgID: `${subject}:${contentHash(batch)}`,
    });
    return ack.seq;
  }
}
