import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { jetstreamManager } from '@nats-io/jetstream';

import { type JolpicaResource } from '@slipstream/historical';
import {
  AckInbox,
  connectToNats,
  DEFAULT_PUBLISHER_OPTIONS,
  JetStreamPublisher,
  provisionStreams,
} from '@slipstream/messaging';
import { loadConfig } from '@slipstream/platform';

import { DOWNLOAD_HELP, DownloadUsageError, runDownloadCommand } from './archive/download-command';
import { ALL_BACKFILL_RESOURCES } from './backfill/backfill-plan';
import { runBackfill } from './backfill/backfill-runner';
import { configSchema } from './config/config.schema';
import { importErgastCsv } from './ergast-csv/import-ergast-csv';
import { JolpicaClient } from './jolpica/jolpica-client';
import { CheckpointStore, openIngestionBucket } from './progress/checkpoint-store';
import { ProgressReporter } from './progress/progress-reporter';
import { RequestLog } from './progress/request-log';

const HELP = `Usage: npm run ingest -- <command> [options]

Commands:
  import-csv <dir>                 stream an Ergast CSV set (<table>.csv or .csv.gz) into RAW
      --tables a,b                 only these tables
      --force                      re-publish tables whose files did not change since the last import
  backfill --from <year> --to <year>
                                   fetch history from the Jolpica API into RAW, resumable
      --resources a,b              only these resources (default: all: ${ALL_BACKFILL_RESOURCES.join(', ')})
      --reset                      forget the checkpoints of this range first
  follow                           follow the current season: fetch what is new, then again every --every minutes
      --every <minutes>            default 60
${DOWNLOAD_HELP}

Common options:
  --nats-url <url>                 default $NATS_URL or nats://127.0.0.1:4222
  -h, --help

Jolpica's base URL and rate limits come from JOLPICA_BASE_URL, JOLPICA_BURST_PER_SECOND (default 4)
and JOLPICA_SUSTAINED_PER_HOUR (default 500). Checkpoints live in the NATS KV bucket slipstream_ingestion:
a killed backfill continues where it stopped when run again. The times of the last hour's requests
are kept there too, so a restart does not reset the hourly budget.`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      resources: { type: 'string' },
      tables: { type: 'string' },
      every: { type: 'string', default: '60' },
      force: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      'nats-url': { type: 'string' },
      list: { type: 'boolean', default: false },
      into: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, argument] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig(configSchema, {
    ...process.env,
    ...(values['nats-url'] ? { NATS_URL: values['nats-url'] } : {}),
  });
  if (command === 'download') {
    const write = (stream: NodeJS.WriteStream) => (text: string) => stream.write(`${text}\n`);
    try {
      await runDownloadCommand(
        positionals.slice(1),
        values,
        config,
        write(process.stdout),
        write(process.stderr),
      );
    } catch (error) {
      throw error instanceof DownloadUsageError ? new UsageError(error.message) : error;
    }
    return;
  }
  const nc = await connectToNats({
    url: config.NATS_URL,
    user: config.NATS_USER,
    password: config.NATS_PASSWORD,
    name: `slipstream-ingest-${command}`,
  });
  let requestLog: RequestLog | undefined;
  try {
    if (config.NATS_PROVISION) await provisionStreams(await jetstreamManager(nc));
    const publisher = new JetStreamPublisher(AckInbox.of(nc), {
      ...DEFAULT_PUBLISHER_OPTIONS,
      maxInFlight: 1_024,
    });
    const bucket = await openIngestionBucket(nc);
    const checkpoints = CheckpointStore.on(bucket);
    const log = (requestLog = RequestLog.on(bucket, config.JOLPICA_BASE_URL, (message) =>
      process.stderr.write(`${message}\n`),
    ));
    const client = new JolpicaClient({
      baseUrl: config.JOLPICA_BASE_URL,
      limiterHistory: {
        recent: await log.load(),
        onChange: (recent) => log.record(recent),
        onLongWait: (waitMs) =>
          process.stderr.write(
            `rate limit: waiting ${formatWait(waitMs)} before the next request to Jolpica ` +
              `(JOLPICA_BURST_PER_SECOND=${config.JOLPICA_BURST_PER_SECOND}, ` +
              `JOLPICA_SUSTAINED_PER_HOUR=${config.JOLPICA_SUSTAINED_PER_HOUR})\n`,
          ),
      },
      limits: [
        { requests: config.JOLPICA_BURST_PER_SECOND, perMs: 1_000 },
        { requests: config.JOLPICA_SUSTAINED_PER_HOUR, perMs: 3_600_000 },
      ],
      onRetry: ({ url, attempt, reason, waitMs }) =>
        process.stderr.write(
          `retrying ${url} (attempt ${attempt}, ${reason}) in ${Math.round(waitMs / 1000)}s\n`,
        ),
    });
    switch (command) {
      case 'import-csv': {
        if (!argument) throw new UsageError('import-csv needs the directory of the CSV set');
        const report = await importErgastCsv({
          directory: resolve(argument),
          tables: values.tables?.split(',') as never,
          publisher,
          checkpoints,
          force: values.force,
          progress: new ProgressReporter('import-csv'),
        });
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        break;
      }
      case 'backfill': {
        const from = Number(values.from);
        const to = Number(values.to ?? values.from);
        if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1950 || to < from) {
          throw new UsageError('backfill needs --from <year> and --to <year> (1950 or later, from <= to)');
        }
        const resources = parseResources(values.resources);
        if (values.reset)
          for (let season = from; season <= to; season++) await checkpoints.clear(`backfill.${season}`);
        const report = await runBackfill({
          from,
          to,
          resources,
          client,
          publisher,
          checkpoints,
          progress: new ProgressReporter('backfill'),
        });
        process.stdout.write(`${JSON.stringify(report)}\n`);
        break;
      }
      case 'follow': {
        const everyMs = Number(values.every) * 60_000;
        for (;;) {
          const season = new Date().getUTCFullYear();
          const report = await runBackfill({
            from: season,
            to: season,
            resources: parseResources(values.resources),
            client,
            publisher,
            checkpoints,
            // Season-wide lists change after every race; finished rounds are checkpointed.
            refresh: (unit) => unit.season === season && unit.round === undefined,
          });
          process.stderr.write(
            `[follow] ${season}: ${JSON.stringify(report)}; next in ${values.every} min\n`,
          );
          await new Promise((done) => setTimeout(done, everyMs));
        }
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } finally {
    await requestLog?.flush();
    await nc.drain();
  }
}

function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}

function parseResources(list: string | undefined): JolpicaResource[] {
  if (!list) return [...ALL_BACKFILL_RESOURCES];
  const resources = list.split(',').map((name) => name.trim());
  const unknown = resources.filter((name) => !ALL_BACKFILL_RESOURCES.includes(name as JolpicaResource));
  if (unknown.length)
    throw new UsageError(
      `unknown resources: ${unknown.join(', ')} (known: ${ALL_BACKFILL_RESOURCES.join(', ')})`,
    );
  return resources as JolpicaResource[];
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  process.stderr.write(`slipstream ingest: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError) process.stderr.write('Run with --help for usage.\n');
  process.exit(error instanceof UsageError ? 2 : 1);
});
