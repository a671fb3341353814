import { createHash } from 'node:crypto';
import { basename } from 'node:path';

import { contentHash, HEADERS, rawSubjects } from '@slipstream/contracts';
import { archiveTopicOf, type LineError, type LivetimingRawMessage } from '@slipstream/livetiming';
import { deadLetterMessage, type OutgoingMessage } from '@slipstream/messaging';

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
    headers: { [HEADERS.sourceFile]: [basename(error.file)], [HEADERS.sourceLine]: [String(error.line)] },
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
        [HEADERS.msgId]: [raw.msgId],
        ...(line.file && { [HEADERS.sourceFile]: [basename(line.file)] }),
        [HEADERS.sourceLine]: [String(line.line)],
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
  return deadLetterMessage({
    stage: 'ingestion',
    reason,
    error,
    deliveries: 0,
    original: {
      stream: 'file',
      subject: original.subject,
      sequence: original.sequence,
      headers: {
        ...original.headers,
        [HEADERS.payloadBytes]: [String(original.bytes.length)],
        [HEADERS.payloadSha256]: [createHash('sha256').update(original.bytes).digest('hex')],
        ...(kept.length < original.bytes.length && { [HEADERS.payloadTruncated]: ['true'] }),
      },
      bytes: kept,
    },
    msgId: original.msgId,
  }).message;
}

/** `<unix-ns>:<Topic>:<json>` capture lines name their topic in the second field. */
function captureTopicOf(text: string | undefined): string | undefined {
  const topic = text?.split(':')[1]?.trim();
  return topic && /^[A-Za-z][\w.]*$/.test(topic) ? topic : undefined;
}
