import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { jetstream, jetstreamManager } from '@nats-io/jetstream';

import { SessionReplay, toLivetimingRawMessage } from '@slipstream/livetiming';
import {
  connectToNats,
  DEFAULT_PUBLISHER_OPTIONS,
  JetStreamPublisher,
  provisionStreams,
} from '@slipstream/messaging';

import { openRecording } from './replay/recording';

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

  let brokenLines = 0;
  const recording = await openRecording(resolve(positionals[0]), (error) => {
    brokenLines++;
    process.stderr.write(`skipped ${error.file}:${error.line}: ${error.reason}\n`);
  });
  const nc = await connectToNats({ url: values['nats-url'], name: 'slipstream-replay-cli' });
  await provisionStreams(await jetstreamManager(nc));
  const publisher = new JetStreamPublisher(jetstream(nc), {
    ...DEFAULT_PUBLISHER_OPTIONS,
    maxInFlight: 1_024,
  });
  const { sessionKey, name } = recording.descriptor;
  const replay = new SessionReplay({
    open: () => recording.open(),
    speed,
    deliver: async (message) => {
      const raw = toLivetimingRawMessage(sessionKey, message, recording.origin);
      await publisher.publish({ subject: raw.subject, msgId: raw.msgId, payload: raw.record });
    },
  });
  process.stderr.write(
    `replaying ${name} (session ${sessionKey}) at ${values.speed}x from ${recording.path}\n`,
  );
  const progress = setInterval(() => {
    const status = replay.status();
    process.stderr.write(`  at ${formatOffset(status.lastOffsetMs)}  ${status.messagesSent} messages\n`);
  }, 2_000);
  const stop = () => replay.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (values.seek) replay.seek(Number(values.seek));
  try {
    await replay.start();
    const stats = await publisher.flush();
    process.stderr.write(
      `done: ${replay.status().messagesSent} messages, ${stats.published} published, ${stats.duplicates} duplicates, ${brokenLines} broken lines skipped\n`,
    );
  } finally {
    clearInterval(progress);
    await nc.drain();
  }
}

function formatOffset(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`slipstream-replay: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
