import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { jetstreamManager } from '@nats-io/jetstream';

import { SessionReplay } from '@slipstream/livetiming';
import {
  AckInbox,
  connectToNats,
  DEFAULT_PUBLISHER_OPTIONS,
  JetStreamPublisher,
  provisionStreams,
} from '@slipstream/messaging';

import { openRecording } from './replay/recording';
import { RecordingPublisher } from './replay/recording-publisher';

/** nats-server's default max_payload, for a connection that has not received the server's INFO yet. */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

const HELP = `Usage: slipstream-replay <session-folder | capture-file> [options]

Replays a recorded F1 live-timing session onto the RAW subjects the live feed uses.

Options:
  --speed <n|max>   pacing: 1 = real time, 10 = ten times faster, max = as fast as possible (default 1)
  --seek <ms>       start at this recording offset (earlier messages are still sent, at once)
  --nats-url <url>  NATS server (default $NATS_URL or nats://127.0.0.1:4222)
  -h, --help        this help

Example: npm run replay -- data/sessions/2025-mexico-city-gp-qualifying --speed 10`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      speed: { type: 'string', default: '1' },
      seek: { type: 'string' },
      'nats-url': { type: 'string', default: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    process.stdout.write(`${HELP}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const speed = values.speed === 'max' ? Infinity : Number(values.speed);
  if (!(speed > 0)) throw new Error(`--speed must be a positive number or "max", got ${values.speed}`);

  // Broken lines are reported while the recording plays, once the publisher for it exists.
  const forward: { publisher?: RecordingPublisher } = {};
  const recording = await openRecording(resolve(positionals[0]), (error, text) =>
    forward.publisher?.lineError(error, text),
  );
  const nc = await connectToNats({ url: values['nats-url'], name: 'slipstream-replay-cli' });
  await provisionStreams(await jetstreamManager(nc));
  const { sessionKey, name } = recording.descriptor;
  // The same path as the replay service: broken and oversized lines are dead-lettered, capped.
  const publisher = new RecordingPublisher(
    new JetStreamPublisher(AckInbox.of(nc), { ...DEFAULT_PUBLISHER_OPTIONS, maxInFlight: 1_024 }),
    sessionKey,
    recording.origin,
    nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD,
    { warn: (entry) => process.stderr.write(`${describe(entry)}\n`) },
  );
  forward.publisher = publisher;
  const replay = new SessionReplay({
    open: () => recording.open(),
    speed,
    deliver: (message) => publisher.deliver(message),
  });
  if (values.seek) {
    // As the service does: a target past the last message would send the whole recording at once.
    const target = Number(values.seek);
    const endMs = await recording.endOffsetMs();
    if (!(target <= endMs))
      throw new RangeError(`--seek ${values.seek} is past the end of the recording (${endMs} ms)`);
    replay.seek(target);
  }
  const pace = speed === Infinity ? 'max speed' : `${values.speed}x`;
  process.stderr.write(`replaying ${name} (session ${sessionKey}) at ${pace} from ${recording.path}\n`);
  const progress = setInterval(() => {
    const status = replay.status();
    process.stderr.write(`  at ${formatOffset(status.lastOffsetMs)}  ${status.messagesSent} messages\n`);
  }, 2_000);
  const stop = () => replay.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await replay.start();
    const books = await publisher.finish();
    process.stderr.write(
      `done: ${books.read} lines read: ${books.stored} stored in RAW, ${books.deduplicated} duplicates, ` +
        `${books.deadLettered} dead-lettered (npm run dlq -- list --stage ingestion)` +
        (books.lost > 0 ? `, ${books.lost} dead letters refused by the server (see above)` : '') +
        '\n',
    );
    // Lines the DLQ refused are lost: say so in the exit status too.
    if (books.lost > 0) process.exitCode = 1;
  } finally {
    clearInterval(progress);
    await nc.drain();
  }
}

function describe(entry: Record<string, unknown>): string {
  const { msg, ...details } = entry;
  return `${String(msg)}: ${Object.entries(details)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ')}`;
}

function formatOffset(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`slipstream-replay: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
