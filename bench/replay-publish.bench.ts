import { join } from 'node:path';

import { jetstream, type JetStreamManager, jetstreamManager, type PubAck } from '@nats-io/jetstream';

import { STREAMS } from '@slipstream/contracts';
import { provisionStreams, readStoredMessages } from '@slipstream/messaging';

import { type BenchContext, type BenchFigure } from './infra/bench';
import { startBenchNats } from './infra/nats';
import { SESSIONS_DIR } from './infra/paths';
import { spawnNode, waitExit } from './infra/processes';
import { SESSION } from './session-replay.bench';

export const description =
  'the replay alone publishing a whole session at max speed (messages/s), vs nats.js re-publishing the same messages';

const BENCHMARK = 'replay-publish';
const RAW = STREAMS.RAW.name;
/** The baseline's window of un-acked publishes: the replay's own (`maxInFlight` 1,024). */
const WINDOW = 1_024;

/** Messages per second between the first and the last one RAW stored (the server's own clock). */
async function storedRate(jsm: JetStreamManager): Promise<{ messages: number; perSecond: number }> {
  const { messages, first_seq: first, last_seq: last } = (await jsm.streams.info(RAW)).state;
  const [firstMessage, lastMessage] = await Promise.all([
    jsm.streams.getMessage(RAW, { seq: first }),
    jsm.streams.getMessage(RAW, { seq: last }),
  ]);
  const seconds = (Date.parse(lastMessage!.timestamp) - Date.parse(firstMessage!.timestamp)) / 1000;
  return { messages, perSecond: (messages - 1) / seconds };
}

/**
 * The replay CLI (the same publisher as the service) against a nats-server with nothing consuming,
 * so the figure is the replay's own: reading the recording, checking `.z` payloads, building RAW
 * records and publishing them with acks. The baseline sends the very messages it stored (subject,
 * headers, bytes) again from memory with `js.publish`, 1,024 in flight, into the emptied stream.
 */
export async function run(ctx: BenchContext): Promise<BenchFigure[]> {
  const nats = await startBenchNats(ctx.logDir, 'nats-server-replay-publish');
  try {
    const jsm = await jetstreamManager(nats.connection);
    await provisionStreams(jsm);
    ctx.log(`replaying ${SESSION} at max speed with the replay CLI, nothing consuming`);
    await waitExit(
      spawnNode(
        'telemetry-replay-cli',
        'services/telemetry-replay/dist/cli.js',
        [join(SESSIONS_DIR, SESSION), '--speed', 'max', '--nats-url', nats.url],
        { LOG_LEVEL: 'warn' },
        ctx.logDir,
      ),
    );
    const replay = await storedRate(jsm);
    ctx.log(`replay: ${replay.messages} messages at ${Math.round(replay.perSecond)}/s`);

    const stored = [];
    for await (const message of readStoredMessages(jetstream(nats.connection), RAW))
      stored.push({ subject: message.subject, data: message.data, headers: message.headers });
    // A new stream: a purged one would still drop them as duplicates of their Nats-Msg-Id.
    await jsm.streams.delete(RAW);
    await provisionStreams(jsm);
    const js = jetstream(nats.connection);
    const inFlight: Array<Promise<PubAck>> = [];
    for (const { subject, data, headers } of stored) {
      // Acks come back in order: waiting for the oldest keeps the window full.
      if (inFlight.length >= WINDOW) await inFlight.shift();
      inFlight.push(js.publish(subject, data, { headers, timeout: 10_000 }));
    }
    await Promise.all(inFlight);
    const direct = await storedRate(jsm);
    ctx.log(`nats.js re-publish: ${direct.messages} messages at ${Math.round(direct.perSecond)}/s`);
    return [
      {
        benchmark: BENCHMARK,
        name: 'replay at max speed, alone',
        value: replay.perSecond,
        unit: 'msg/s',
        baseline: { name: 'nats.js js.publish of the same messages', value: direct.perSecond },
        note:
          `${SESSION}: ${replay.messages.toLocaleString('en-US')} RAW messages from the replay CLI into a nats-server ` +
          `nothing consumes; rate between the first and last message the stream stored`,
      },
    ];
  } finally {
    await nats.dispose();
  }
}
