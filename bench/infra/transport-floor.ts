import { jetstream, type JetStreamManager, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';

import { type DurableConsumerDefinition, HEADERS, subjectMatches } from '@slipstream/contracts';
import {
  AckInbox,
  JetStreamPublisher,
  provisionConsumer,
  provisionStreams,
  readStoredMessages,
} from '@slipstream/messaging';

import { type BenchFigure, msSince } from './bench';
import { startBenchNats } from './nats';
import { cpuSeconds } from './process-cpu';

/** A message as the pipeline stored it: what the floor sends again. */
interface StoredMessage {
  subject: string;
  data: Uint8Array;
  headers: MsgHdrs | undefined;
  msgId: string;
}

export interface TransportFloorOptions {
  /** The streams (and the subjects within them) the pipeline wrote, in the order they are re-sent. */
  streams: Array<{ stream: string; filter?: string }>;
  /** The durables the pipeline reads them with; each gets every message its filter matches, and acks it. */
  consumers: readonly DurableConsumerDefinition[];
  /** Un-acked publishes in flight (the import CLI's and normalization's windows are 1,024–2,048). */
  window?: number;
  /** Progress lines (the benchmark's `ctx.log`). */
  log(message: string): void;
}

export interface TransportFloor {
  ms: number;
  published: number;
  /** Deliveries acked, summed over the consumers. */
  delivered: number;
  /** CPU seconds spent meanwhile by the client (this process: nats.js) and by nats-server. */
  cpu: { client: number; server: number };
}

/**
 * What the pipeline's messages cost JetStream alone: the very messages a run stored (subject,
 * headers, bytes, message id) published again into a fresh nats-server with acks, through the
 * pipeline's own publisher, while the pipeline's durables (same filters, batch sizes and ack
 * windows) each receive and ack every message they match. Nothing is decoded, validated or
 * inserted, so the time is the floor of any pipeline that keeps one message per fact: store, ack,
 * deliver and ack each one. Everything runs in this one process, as the all-in-one does.
 */
export async function measureTransportFloor(
  source: NatsConnection,
  logDir: string,
  options: TransportFloorOptions,
): Promise<TransportFloor> {
  const streams = options.streams.map(({ stream }) => stream).join(', ');
  options.log(`JetStream floor: the same ${streams} messages stored, delivered and acked, nothing processed`);
  const stored: StoredMessage[] = [];
  for (const { stream, filter } of options.streams) {
    for await (const message of readStoredMessages(jetstream(source), stream, filter ? { filter } : {})) {
      stored.push({
        subject: message.subject,
        data: message.data,
        headers: message.headers,
        // `get` answers '' for a header that is not there.
        msgId: message.headers?.get(HEADERS.msgId) || `${stream}:${message.seq}`,
      });
    }
  }
  const nats = await startBenchNats(logDir, 'nats-server-transport-floor');
  try {
    const jsm = await jetstreamManager(nats.connection);
    await provisionStreams(jsm);
    for (const consumer of options.consumers) {
      await provisionConsumer(jsm, { ...consumer, maxDeliver: 5, ackWaitMs: 30_000 });
    }
    const js = jetstream(nats.connection);
    const started = process.hrtime.bigint();
    const clientCpu = process.cpuUsage();
    const serverCpu = cpuSeconds(nats.child.process.pid!) ?? 0;
    const consuming = options.consumers.map(async (definition) => {
      const expected = stored.filter((message) =>
        subjectMatches(definition.filterSubject, message.subject),
      ).length;
      if (expected === 0) return 0;
      const consumer = await js.consumers.get(definition.stream, definition.durable);
      const messages = await consumer.consume({ max_messages: definition.batchSize });
      // Acked together on the next turn of the event loop, as the consumer runner acks a batch in
      // one go: an ack per turn of the iterator would cost a socket write per message.
      const unacked: JsMsg[] = [];
      const ackAll = () => {
        for (const message of unacked.splice(0)) message.ack();
      };
      let received = 0;
      for await (const message of messages) {
        if (unacked.push(message) === 1) setImmediate(ackAll);
        if (++received === expected) break;
      }
      ackAll();
      await messages.close();
      return received;
    });
    const publisher = new JetStreamPublisher(AckInbox.of(nats.connection), {
      maxInFlight: options.window ?? 1_024,
      retryAttempts: 3,
      retryBaseMs: 100,
      retryMaxMs: 1_000,
    });
    for (const { subject, data, headers, msgId } of stored) {
      await publisher.publish({ subject, msgId, payload: data, headers: headersOf(headers) });
    }
    const { published } = await publisher.flush();
    const delivered = (await Promise.all(consuming)).reduce((sum, n) => sum + n, 0);
    await acksStored(jsm, options.consumers);
    const ms = msSince(started);
    const { user, system } = process.cpuUsage(clientCpu);
    const cpu = {
      client: (user + system) / 1e6,
      server: (cpuSeconds(nats.child.process.pid!) ?? serverCpu) - serverCpu,
    };
    options.log(
      `JetStream floor: ${published} messages published, ${delivered} deliveries acked in ${(ms / 1000).toFixed(2)} s ` +
        `(CPU: nats.js ${cpu.client.toFixed(1)} s, nats-server ${cpu.server.toFixed(1)} s)`,
    );
    return { ms, published, delivered, cpu };
  } finally {
    await nats.dispose();
  }
}

/** Until the server holds no un-acked message for any of the durables (how the pipeline is timed). */
async function acksStored(jsm: JetStreamManager, consumers: readonly DurableConsumerDefinition[]) {
  for (const { stream, durable } of consumers) {
    while ((await jsm.consumers.info(stream, durable)).num_ack_pending > 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** The stored headers as the publisher takes them (it sets `Nats-Msg-Id` itself). */
function headersOf(headers: MsgHdrs | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const copy: Record<string, string> = {};
  for (const key of headers.keys()) if (key !== HEADERS.msgId) copy[key] = headers.get(key);
  return copy;
}

/**
 * The floor as two figures: against the direct load (the least a ratio to it could be while the
 * contract keeps one message per fact), and the pipeline against it (what processing adds).
 */
export function transportFloorFigures(
  benchmark: string,
  floor: TransportFloor,
  compared: {
    pipeline: string;
    pipelineSeconds: number;
    direct: string;
    directSeconds: number;
    consumers: string;
  },
): BenchFigure[] {
  const floorSeconds = floor.ms / 1000;
  return [
    {
      benchmark,
      name: 'JetStream floor: the same messages, nothing processed',
      value: floorSeconds,
      unit: 's',
      baseline: { name: compared.direct, value: compared.directSeconds },
      note:
        `the ${floor.published.toLocaleString('en-US')} messages the pipeline stored, published again with acks into ` +
        `a fresh nats-server while ${compared.consumers} (same filters and windows) receive and ack each one ` +
        `(${floor.delivered.toLocaleString('en-US')} deliveries), in one process: what storing, delivering and ` +
        `acking each message costs here before any of it is decoded; CPU meanwhile: nats.js ` +
        `${floor.cpu.client.toFixed(1)} s, nats-server ${floor.cpu.server.toFixed(1)} s`,
    },
    {
      benchmark,
      name: `${compared.pipeline}, over its JetStream floor`,
      value: compared.pipelineSeconds,
      unit: 's',
      baseline: { name: 'JetStream floor', value: floorSeconds },
    },
  ];
}
