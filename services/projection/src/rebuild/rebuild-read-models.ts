import { type ClickHouseClient } from '@clickhouse/client';
import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';

import { DURABLE_CONSUMERS } from '@slipstream/contracts';
import { type BatchOutcome, ConsumedMessage, provisionConsumer } from '@slipstream/messaging';

import { projectBatch } from '../core/project-batch';
import { type ProjectorRegistry } from '../core/projector-registry';
import { projectTelemetryBatch } from '../telemetry/telemetry-batch';

export type RebuildTarget = 'events' | 'telemetry';

export interface RebuildProgress {
  target: RebuildTarget;
  /** Stream sequence reached, and the stream's last sequence when the rebuild started. */
  position: number;
  end: number;
  messages: number;
  failed: number;
}

export interface RebuildOptions {
  js: JetStreamClient;
  jsm: JetStreamManager;
  client: ClickHouseClient;
  registry: ProjectorRegistry;
  targets?: RebuildTarget[];
  batchSize?: number;
  maxRowsPerInsert?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildReport {
  targets: Array<RebuildProgress & { durable: string }>;
}

const SOURCES = {
  events: DURABLE_CONSUMERS.projectionEvents,
  telemetry: DURABLE_CONSUMERS.projectionTelemetry,
} as const;

/**
 * Rebuilds read models from the event log while the live projection keeps running and the query
 * API keeps answering: every event is projected again, from the first, through a temporary durable
 * of its own. Rows converge by key (`ReplacingMergeTree`; the later insert of an equal version
 * wins), so rows a fixed projector now writes differently replace the old ones, and rows that went
 * missing come back. The temporary durable gives the inserts their own deduplication tokens (the
 * live ones would be dropped as repeats) and is deleted at the end, also when the rebuild fails.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildReport> {
  const report: RebuildReport = { targets: [] };
  for (const target of options.targets ?? ['events', 'telemetry']) {
    report.targets.push(await rebuildTarget(target, options));
  }
  return report;
}

async function rebuildTarget(target: RebuildTarget, options: RebuildOptions) {
  const source = SOURCES[target];
  const batchSize = options.batchSize ?? source.batchSize;
  const durable = `${source.durable}-rebuild-${Date.now().toString(36)}`;
  const end = (await options.jsm.streams.info(source.stream)).state.last_seq;
  const progress: RebuildProgress = { target, position: 0, end, messages: 0, failed: 0 };
  await provisionConsumer(options.jsm, {
    stream: source.stream,
    durable,
    filterSubject: source.filterSubject,
    maxDeliver: -1,
    ackWaitMs: 120_000,
    maxAckPending: batchSize * 2,
    deliverPolicy: 'all',
  });
  try {
    const consumer = await options.js.consumers.get(source.stream, durable);
    while (!(await caughtUp(options.jsm, source.stream, durable, end))) {
      const batch: ConsumedMessage[] = [];
      for await (const raw of await consumer.fetch({ max_messages: batchSize, expires: 2_000 }))
        batch.push(new ConsumedMessage(raw));
      if (batch.length === 0) continue;
      const outcome = await project(target, batch, durable, options);
      // A message the live projection could not use was dead-lettered then: nothing to retry here.
      for (const message of batch) message.raw.ack();
      progress.messages += batch.length;
      progress.failed += outcome.failed.length;
      progress.position = Math.max(progress.position, batch[batch.length - 1].sequence);
      options.onProgress?.({ ...progress });
    }
  } finally {
    await options.jsm.consumers.delete(source.stream, durable).catch(() => undefined);
  }
  return { ...progress, position: Math.max(progress.position, end), durable };
}

function project(
  target: RebuildTarget,
  batch: ConsumedMessage[],
  durable: string,
  options: RebuildOptions,
): Promise<BatchOutcome> {
  return target === 'events'
    ? projectBatch(options.client, durable, batch, options.registry, options.maxRowsPerInsert)
    : projectTelemetryBatch(options.client, durable, batch);
}

/** Done once everything up to the stream's end at the start is acked (late redeliveries included). */
async function caughtUp(jsm: JetStreamManager, stream: string, durable: string, end: number) {
  const info = await jsm.consumers.info(stream, durable);
  return info.ack_floor.stream_seq >= end || (info.num_pending === 0 && info.num_ack_pending === 0);
}
