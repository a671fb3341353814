import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

import { ALL_STREAMS, type StreamDefinition } from '@slipstream/contracts';

export interface StreamOverrides {
  /**
   * Replicas for clustered servers. Unset: 1 for a new stream, and an existing stream keeps its own.
   * Never lowered here: a smaller number than a stream has is refused, not applied.
   */
  replicas?: number;
  storage?: 'file' | 'memory';
}

function toStreamConfig(
  definition: StreamDefinition,
  overrides: StreamOverrides,
): Partial<StreamConfig> & { name: string } {
  return {
    name: definition.name,
    subjects: definition.subjects,
    description: definition.description,
    retention: RetentionPolicy.Limits,
    storage: overrides.storage === 'memory' ? StorageType.Memory : StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(definition.maxAgeMs),
    duplicate_window: nanos(definition.duplicateWindowMs),
    num_replicas: overrides.replicas ?? 1,
  };
}

/** The replicas an update applies: the requested number, or the stream's own; never fewer silently. */
export function replicasForUpdate(stream: string, current: number, requested: number | undefined): number {
  if (requested === undefined) return current;
  if (requested < current) {
    throw new Error(
      `stream ${stream} has ${current} replicas and provisioning was asked for ${requested}: ` +
        'lowering replicas loses redundancy, so it is not done here (set NATS_STREAM_REPLICAS to ' +
        `${current}, or lower them deliberately with \`nats stream edit ${stream} --replicas ${requested}\`)`,
    );
  }
  return requested;
}

/** Creates the streams, or updates them in place when their settings changed. Safe to run at every start. */
export async function provisionStreams(
  jsm: JetStreamManager,
  overrides: StreamOverrides = {},
  definitions: StreamDefinition[] = ALL_STREAMS,
): Promise<void> {
  for (const definition of definitions) {
    const config = toStreamConfig(definition, overrides);
    const existing = await jsm.streams.info(definition.name).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (!existing) {
      await jsm.streams.add(config);
    } else {
      // Storage type and name cannot change in place; everything we set here can.
      const { storage: _storage, ...updatable } = config;
      updatable.num_replicas = replicasForUpdate(
        definition.name,
        existing.config.num_replicas,
        overrides.replicas,
      );
      await jsm.streams.update(definition.name, updatable);
    }
  }
}

export interface DurableConsumerSpec {
  stream: string;
  durable: string;
  filterSubject: string;
  maxDeliver: number;
  ackWaitMs: number;
  /** Bounds redelivery reordering: with 1, a failed message blocks later ones until handled. */
  maxAckPending: number;
  deliverPolicy?: 'all' | 'new';
}

export async function provisionConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec): Promise<void> {
  const config: Partial<ConsumerConfig> = {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: spec.deliverPolicy === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
    filter_subject: spec.filterSubject,
    max_deliver: spec.maxDeliver,
    ack_wait: nanos(spec.ackWaitMs),
    max_ack_pending: spec.maxAckPending,
  };
  const existing = await jsm.consumers.info(spec.stream, spec.durable).catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  });
  if (!existing) {
    await jsm.consumers.add(spec.stream, config);
    return;
  }
  const { durable_name: _name, deliver_policy: _policy, ...updatable } = config;
  await jsm.consumers.update(spec.stream, spec.durable, updatable);
}

function isNotFound(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /not found|StreamNotFound|ConsumerNotFound|10059|10014/i.test(text);
}
