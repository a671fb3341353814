import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { jetstream, jetstreamManager } from '@nats-io/jetstream';

import { createClickHouse } from '@slipstream/clickhouse';
import { connectToNats } from '@slipstream/messaging';
import { ConfigError, loadConfig } from '@slipstream/platform';

import { configSchema } from '../config/config.schema';
import { ProjectorRegistry } from '../core/projector-registry';
import { allProjectors } from '../projectors';
import { type RebuildProgress, rebuildReadModels, type RebuildTarget } from './rebuild-read-models';

const HELP = `Usage: npm run rebuild -- [--only events|telemetry] [--batch-size N]

Rebuilds the ClickHouse read models from the event log (EVENTS and TELEMETRY) in place, while the
projection service keeps running and the query API keeps answering. Every event is projected again
through a temporary durable consumer, deleted at the end. Rows converge by key, so a fixed
projector's rows replace the old ones and missing rows come back.

Connection settings are the projection's (NATS_URL, NATS_USER, NATS_PASSWORD, CLICKHOUSE_URL,
CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE, CHDB_PATH). The NATS user must be allowed
to create consumers (the provisioning user). With embedded chDB (no CLICKHOUSE_URL) the data
directory belongs to one process: stop the projection first.

Options:
  --only <target>     events or telemetry (default: both)
  --batch-size <n>    messages per fetch (default: the live durable's)
  -h, --help          this text
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.only !== undefined && values.only !== 'events' && values.only !== 'telemetry')
    throw new UsageError(`--only must be "events" or "telemetry", got "${values.only}"`);
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))
    throw new UsageError(`--batch-size must be a positive integer, got "${values['batch-size']}"`);

  const config = loadConfig(configSchema);
  const nc = await connectToNats({
    url: config.NATS_URL,
    user: config.NATS_USER,
    password: config.NATS_PASSWORD,
    name: 'slipstream-rebuild',
  });
  const clickhouse = await createClickHouse({
    url: config.CLICKHOUSE_URL,
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    database: config.CLICKHOUSE_DATABASE,
    chdbPath: config.CHDB_PATH,
  });
  const startedAt = Date.now();
  let lastPrint = 0;
  const print = (progress: RebuildProgress, force = false) => {
    if (!force && Date.now() - lastPrint < 2_000) return;
    lastPrint = Date.now();
    const seconds = (Date.now() - startedAt) / 1_000;
    const share = progress.end > 0 ? Math.min(1, progress.position / progress.end) : 1;
    const eta = share > 0 && share < 1 ? ` ETA ${Math.round((seconds / share) * (1 - share))}s` : '';
    process.stderr.write(
      `[rebuild ${progress.target}] seq ${progress.position}/${progress.end} (${(share * 100).toFixed(1)}%), ` +
        `${progress.messages} messages, ${progress.failed} unusable, ${seconds.toFixed(0)}s${eta}\n`,
    );
  };
  try {
    const report = await rebuildReadModels({
      js: jetstream(nc),
      jsm: await jetstreamManager(nc),
      client: clickhouse.client,
      registry: new ProjectorRegistry(allProjectors),
      targets: values.only ? [values.only as RebuildTarget] : undefined,
      batchSize,
      maxRowsPerInsert: config.PROJECTION_BATCH_MAX_ROWS,
      onProgress: print,
    });
    for (const target of report.targets) print(target, true);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await clickhouse.close();
    await nc.drain();
  }
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof UsageError) process.stderr.write(`rebuild: ${error.message}\n\n${HELP}`);
  else if (error instanceof ConfigError) process.stderr.write(`rebuild: ${error.message}\n`);
  else process.stderr.write(`rebuild failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
