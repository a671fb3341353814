import { SetMetadata } from '@nestjs/common';

import { type DlqStage, type StreamName } from '@slipstream/contracts';

export const JETSTREAM_CONSUMER_METADATA = 'slipstream:jetstream-consumer';

export interface JetStreamConsumerOptions {
  stream: StreamName;
  /** Durable consumer name; it is the projection's or stage's checkpoint. */
  durable: string;
  filterSubject: string;
  /** Where its failures are dead-lettered. */
  stage: DlqStage;
  /** `message`: one call per message, in order. `batch`: one call per fetched batch. */
  mode?: 'message' | 'batch';
  batchSize?: number;
  /** Lower it where order across redeliveries matters. */
  maxAckPending?: number;
  /** `stream` for low latency (live timing), `fetch` (default) to fill large batches; see the runner. */
  delivery?: 'fetch' | 'stream';
}

/**
 * Marks a provider method as the handler of a durable JetStream pull consumer. The consumer is
 * provisioned and started when the application boots, and stopped before it shuts down.
 */
export const JetStreamConsumer = (options: JetStreamConsumerOptions): MethodDecorator =>
  SetMetadata(JETSTREAM_CONSUMER_METADATA, options);
