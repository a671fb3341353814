import { basename } from 'node:path';

import { contentHash, type DeadLetter, dlqSubjects, rawSubjects } from '@slipstream/contracts';
import { archiveTopicOf, type LineError, type LivetimingRawMessage } from '@slipstream/livetiming';
import { type OutgoingMessage } from '@slipstream/messaging';

/** What a dead letter keeps of a message too large to store: enough to recognise it. */
const OVERSIZED_KEPT_BYTES = 64 * 1024;

/**
 * A recording line the replay cannot read (bad JSON, corrupt `.z` payload, no offset) goes to
 * `dlq.ingestion.unreadable_line` with the line, so every line of a recording is accounted for.
 */
export function unreadableLineLetter(
  error: LineError,
  text: string | undefined,
  sessionKey: number | undefined,
): OutgoingMessage {
  const topic = archiveTopicOf(error.file) ?? captureTopicOf(text) ?? 'unknown';
  return letter('unreadable_line', error.reason, {
    subject: rawSubjects.livetiming(sessionKey ?? 'unknown', topic),
    // The file's line number stands where a stream sequence would.
    sequence: error.line,
    headers: { file: [error.file] },
    bytes: Buffer.from(text ?? ''),
    // The same line of the same file is one dead letter, however often the recording is replayed.
    msgId: `dlq:replay:${basename(error.file)}:${error.line}:${contentHash(error.file)}`,
  });
}

/**
 * A message larger than the server's max_payload can never be stored: it goes to
 * `dlq.ingestion.oversized_message` with its size and its first 64 KiB, and the replay goes on.
 */
export function oversizedMessageLetter(
  raw: LivetimingRawMessage,
  bytes: Uint8Array,
  maxPayload: number,
): OutgoingMessage {
  return letter(
    'oversized_message',
    `${bytes.length} bytes, over the server's max_payload of ${maxPayload}`,
    {
      subject: raw.subject,
      sequence: 0,
      headers: { 'Nats-Msg-Id': [raw.msgId], 'Slipstream-Payload-Bytes': [String(bytes.length)] },
      bytes: bytes.subarray(0, OVERSIZED_KEPT_BYTES),
      msgId: `dlq:replay:${raw.msgId}`,
    },
  );
}

function letter(
  reason: string,
  error: string,
  original: {
    subject: string;
    sequence: number;
    headers: Record<string, string[]>;
    bytes: Uint8Array;
    msgId: string;
  },
): OutgoingMessage {
  const record: DeadLetter = {
    stage: 'ingestion',
    reason,
    error,
    failedAt: new Date().toISOString(),
    deliveries: 0,
    original: {
      stream: 'file',
      subject: original.subject,
      sequence: original.sequence,
      headers: original.headers,
      payloadBase64: Buffer.from(original.bytes).toString('base64'),
    },
  };
  return { subject: dlqSubjects.of('ingestion', reason), msgId: original.msgId, payload: record };
}

/** `<unix-ns>:<Topic>:<json>` capture lines name their topic in the second field. */
function captureTopicOf(text: string | undefined): string | undefined {
  const topic = text?.split(':')[1]?.trim();
  return topic && /^[A-Za-z][\w.]*$/.test(topic) ? topic : undefined;
}
