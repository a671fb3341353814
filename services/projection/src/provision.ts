import 'reflect-metadata';

import { jetstreamManager } from '@nats-io/jetstream';

import { applyMigrations, createClickHouse } from '@slipstream/clickhouse';
import { ALL_DURABLE_CONSUMERS } from '@slipstream/contracts';
import { connectToNats, provisionConsumer, provisionStreams } from '@slipstream/messaging';
import { ConfigError, loadConfig } from '@slipstream/platform';

import { configSchema } from './config/config.schema';
import { allMigrations } from './projectors';

/** NATS_STREAM_REPLICAS (the chart's provisioning.streamReplicas): 1–5, or unset to keep what streams have. */
function streamReplicas(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const replicas = Number(value);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5)
    throw new ConfigError([
      `NATS_STREAM_REPLICAS must be an integer from 1 to 5 (got ${JSON.stringify(value)})`,
    ]);
  return replicas;
}

/**
 * One-off provisioning (the Helm pre-install/pre-upgrade Job): JetStream streams, every durable
 * consumer, and the ClickHouse migrations. Services then run with NATS_PROVISION=false and users
 * that may not create streams.
 */
async function provision(): Promise<void> {
  const config = loadConfig(configSchema);
  const nc = await connectToNats({
    url: config.NATS_URL,
    user: config.NATS_USER,
    password: config.NATS_PASSWORD,
    name: 'slipstream-provision',
  });
  try {
    const jsm = await jetstreamManager(nc);
    await provisionStreams(jsm, { replicas: streamReplicas(process.env.NATS_STREAM_REPLICAS) });
    for (const consumer of ALL_DURABLE_CONSUMERS) {
      await provisionConsumer(jsm, {
        ...consumer,
        maxDeliver: config.CONSUMER_MAX_DELIVER,
        ackWaitMs: config.CONSUMER_ACK_WAIT_MS,
      });
    }
    process.stdout.write(`provisioned streams and ${ALL_DURABLE_CONSUMERS.length} durable consumers\n`);
  } finally {
    await nc.drain();
  }
  if (config.CLICKHOUSE_MIGRATE) {
    const clickhouse = await createClickHouse({
      url: config.CLICKHOUSE_URL,
      username: config.CLICKHOUSE_USER,
      password: config.CLICKHOUSE_PASSWORD,
      database: config.CLICKHOUSE_DATABASE,
      chdbPath: config.CHDB_PATH,
    });
    try {
      const report = await applyMigrations(clickhouse.client, allMigrations);
      process.stdout.write(
        `migrations applied: [${report.applied.join(', ')}], already applied: ${report.alreadyApplied.length}\n`,
      );
    } finally {
      await clickhouse.close();
    }
  }
}

provision().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `provision: ${error.message}\n`
      : `provision failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
