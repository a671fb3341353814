import { createHash } from 'node:crypto';
import { basename } from 'node:path';

import { contentHash, type DeadLetter, dlqSubjects, rawSubjects } from '@slipstream/contracts';
import { archiveTopicOf, type LineError, type LivetimingRawMessage } from '@slipstream/livetiming';
import { type OutgoingMessage } from '@slipstream/messaging';

/**
 * What a dead letter keeps of the line or message it stands for: enough to recognise it. The rest
 * is named by its size and SHA-256, so a letter always fits the server's max_payload.
 */
export const DEAD_LETTER_KEPT_BYTES = 64 * 1024;

/**
 * A recording line the replay cannot read (bad JSON, corrupt `.z` payload, no offset) goes to
 * `dlq.ingestion.unreadable_line` with its first 64 KiB, its size, digest and line number, so every
 * line of a recording is accounted for.
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
    headers: { file: [basename(error.file)], line: [String(error.line)] },
    bytes: Buffer.from(text ?? ''),
    // The same line of the same file is one dead letter, however often the recording is replayed.
    msgId: `dlq:replay:${basename(error.file)}:${error.line}:${contentHash(error.file)}`,
  });
}

/**
 * A message larger than the server's max_payload can never be stored: it goes to
 * `dlq.ingestion.oversized_message` with its size, digest and first 64 KiB, and the replay goes on.
 */
export function oversizedMessageLetter(
  raw: LivetimingRawMessage,
  bytes: Uint8Array,
  maxPayload: number,
  line: { file?: string; line: number },
): OutgoingMessage {
  return letter(
    'oversized_message',
    `${bytes.length} bytes, over the server's max_payload of ${maxPayload}`,
    {
      subject: raw.subject,
      sequence: line.line,
      headers: {
        'Nats-Msg-Id': [raw.msgId],
        ...(line.file && { file: [basename(line.file)] }),
        line: [String(line.line)],
      },
      bytes,
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
  const kept = original.bytes.subarray(0, DEAD_LETTER_KEPT_BYTES);
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
      headers: {
        ...original.headers,
        'Slipstream-Payload-Bytes': [String(original.bytes.length)],
        'Slipstream-Payload-Sha256': [createHash('sha256').update(original.bytes).digest('hex')],
        ...(kept.length < original.bytes.length && { 'Slipstream-Payload-Truncated': ['true'] }),
      },
      payloadBase64: Buffer.from(kept).toString('base64'),
    },
  };
  return { subject: dlqSubjects.of('ingestion', reason), msgId: original.msgId, payload: record };
}

/** `<unix-ns>:<Topic>:<json>` capture lines name their topic in the second field. */
function captureTopicOf(text: string | undefined): string | undefined {
  const topic = text?.split(':')[1]?.trim();
  return topic && /^[A-Za-z][\w.]*$/.test(topic) ? topic : undefined;
}
