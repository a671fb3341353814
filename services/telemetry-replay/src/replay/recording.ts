import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

import { type LivetimingOrigin } from '@slipstream/contracts';
import {
  deriveStreamClock,
  type LineError,
  readArchiveSession,
  readCaptureFile,
  readSessionDescriptor,
  type SessionDescriptor,
  sessionDescriptorOf,
  type TopicMessage,
} from '@slipstream/livetiming';

export interface Recording {
  path: string;
  /** What views and errors call it: never the server's absolute path. */
  name: string;
  origin: LivetimingOrigin;
  descriptor: SessionDescriptor;
  /** Epoch ms of the recording's offset 0, when it can be told; needed to seek by session time. */
  streamStartUtcMs?: number;
  /** Opens the recording from its first message, all topics merged in time order. */
  open(): AsyncIterable<TopicMessage>;
  /** Offset of its last message: a seek beyond it is refused. Read once, on first use. */
  endOffsetMs(): Promise<number>;
}

/** A session folder in F1's archive format, or a live SignalR capture file (`<ns>:<Topic>:<json>` lines). */
export async function openRecording(
  path: string,
  onLineError: (error: LineError, text?: string) => void,
  name = basename(path),
): Promise<Recording> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new RecordingNotFoundError(`No recording named ${name}`);
  if (info.isDirectory()) {
    const descriptor = await readSessionDescriptor(path).catch((error: unknown) => {
      throw withoutPath(error, path, name);
    });
    const clock = await deriveStreamClock(path);
    return {
      path,
      name,
      origin: 'archive',
      descriptor,
      streamStartUtcMs: clock?.startUtcMs,
      // The replay publishes `.z` payloads as they are: checked here, decoded by normalization.
      open: () =>
        readArchiveSession(path, {
          withTimestamps: true,
          onError: onLineError,
          compressedPayloads: 'verify',
        }),
      // Read without the error callback: broken lines are reported by the replay, once.
      endOffsetMs: once(() => lastOffsetMs(readArchiveSession(path))),
    };
  }
  // Broken lines are reported while the recording plays, not while its session is looked up.
  const { descriptor, streamStartUtcMs } = await firstSessionInfo(path, name);
  return {
    path,
    name,
    origin: 'capture',
    descriptor,
    streamStartUtcMs,
    open: () => readCaptureFile(path, { onError: onLineError, compressedPayloads: 'verify' }),
    endOffsetMs: once(() => lastOffsetMs(readCaptureFile(path))),
  };
}

async function firstSessionInfo(
  file: string,
  name: string,
): Promise<{ descriptor: SessionDescriptor; streamStartUtcMs?: number }> {
  let streamStartUtcMs: number | undefined;
  for await (const message of readCaptureFile(file)) {
    streamStartUtcMs ??= message.timestamp ? Date.parse(message.timestamp) : undefined;
    if (message.topic === 'SessionInfo')
      return { descriptor: sessionDescriptorOf(message.payload, name), streamStartUtcMs };
  }
  throw new RecordingNotFoundError(`${name} has no SessionInfo message`);
}

export class RecordingNotFoundError extends Error {
  override readonly name = 'RecordingNotFoundError';
}

/** The server's path to a recording is nobody else's business: errors name the recording instead. */
function withoutPath(error: unknown, path: string, name: string): unknown {
  if (error instanceof Error) error.message = error.message.split(path).join(name);
  return error;
}

async function lastOffsetMs(messages: AsyncIterable<TopicMessage>): Promise<number> {
  let last = 0;
  for await (const message of messages) last = Math.max(last, message.offsetMs ?? last);
  return last;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
