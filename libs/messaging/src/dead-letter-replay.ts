import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

import { type DeadLetter, deadLetterSchema, dlqSubjects, HEADERS, STREAMS } from '@slipstream/contracts';

import { toNatsHeaders } from './codec';
import { readStoredMessages } from './stream-reader';

export interface DeadLetterFilter {
  stage?: string;
  reason?: string;
  /** Only list what would be replayed. */
  dryRun?: boolean;
}

export interface DeadLetterReplayReport {
  matched: number;
  replayed: number;
  /** Source-side letters left in DLQ: their bytes never entered the log, so replaying cannot fix them. */
  kept: number;
  letters: Array<{ sequence: number; stage: string; reason: string; subject: string; error: string }>;
}

/**
 * Ingestion dead-letters what it could not read from a source (a broken CSV or recording line):
 * the fix is in the source, then the import or replay runs again. Sending the same bytes to RAW
 * would only dead-letter them once more, downstream.
 */
const SOURCE_STAGES = new Set<string>(['ingestion']);

/**
 * Sends dead letters back to their original subject after a fix, then removes them from DLQ. The
 * re-published message gets a new `Nats-Msg-Id` (the original one may still be inside the
 * duplicate window); deterministic event ids keep the read models free of duplicates.
 */
export async function replayDeadLetters(
  nc: NatsConnection,
  filter: DeadLetterFilter = {},
): Promise<DeadLetterReplayReport> {
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const report: DeadLetterReplayReport = { matched: 0, replayed: 0, kept: 0, letters: [] };
  const letters = readStoredMessages(js, STREAMS.DLQ.name, {
    filter: dlqSubjects.matching(filter.stage, filter.reason),
    batchSize: 500,
  });
  for await (const message of letters) {
    report.matched++;
    const letter: DeadLetter = deadLetterSchema.parse(message.json());
    report.letters.push({
      sequence: message.seq,
      stage: letter.stage,
      reason: letter.reason,
      subject: letter.original.subject,
      error: letter.error,
    });
    if (filter.dryRun) continue;
    if (SOURCE_STAGES.has(letter.stage)) {
      report.kept++;
      continue;
    }
    const headers = Object.fromEntries(
      Object.entries(letter.original.headers).map(([key, values]) => [key, values[0]]),
    );
    const originalId = headers[HEADERS.msgId] ?? `${letter.original.stream}:${letter.original.sequence}`;
    await js.publish(letter.original.subject, Buffer.from(letter.original.payloadBase64, 'base64'), {
      msgID: `${originalId}:dlq-replay:${message.seq}`,
      headers: toNatsHeaders({ ...headers, [HEADERS.msgId]: undefined }),
    });
    await jsm.streams.deleteMessage(STREAMS.DLQ.name, message.seq);
    report.replayed++;
  }
  return report;
}
