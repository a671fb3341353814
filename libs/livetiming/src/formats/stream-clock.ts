import { listArchiveTopicFiles } from './archive-folder';
import { readArchiveTopicFile } from './archive-topic-file';
import { TopicMessage } from './topic-message';
import { parseF1Utc, toIsoUtc } from './utc-time';

/*
 * Archive offsets count from the start of F1's data stream, which is not written anywhere, so
 * the UTC of offset 0 is estimated as median(Utc - offset) over messages that carry a clock.
 *
 * Heartbeat is preferred: its `Utc` is the feed's wall clock when the message was sent. In the
 * live captures (shared/data/signalr-live-captures-2025) a Heartbeat arrives ~70 ms after its
 * `Utc`, while event times (race control, session data, extrapolated clock) arrive ~2.1 s after
 * theirs: F1 delays the feed. Event times would therefore put archive messages ~2 s before
 * they were sent; they are only the fallback for folders without Heartbeat (e.g. Miami sprint).
 *
 * The median rides out the ±1 s jitter of single heartbeats and historical entries (SessionData
 * repeats status changes from before the stream). Once a session is finalised the archive stops
 * advancing offsets (Mexico qualifying: ~80 heartbeats all at 01:18:43.422), so samples whose
 * offset did not move past the topic's previous one carry no timing and are dropped.
 */

export interface ClockSample {
  offsetMs: number;
  utcMs: number;
}

export type StreamClockSource = 'Heartbeat' | 'event times';

export interface StreamClock {
  /** Epoch milliseconds of archive offset 0. */
  startUtcMs: number;
  source: StreamClockSource;
  /** How many samples the median was taken over. */
  samples: number;
}

const EVENT_TIME_TOPICS = new Set(['ExtrapolatedClock', 'RaceControlMessages', 'SessionData', 'TeamRadio']);

/** The latest `Utc`/`Timestamp` in a payload, at top level or one collection deep. */
export function clockSampleOf(message: TopicMessage): ClockSample | undefined {
  if (message.offsetMs === undefined || !isRecord(message.payload)) return undefined;
  const times: number[] = [];
  const collect = (record: Record<string, unknown>) => {
    for (const key of ['Utc', 'Timestamp']) {
      const utcMs = parseF1Utc(record[key]);
      if (utcMs !== undefined) times.push(utcMs);
    }
  };
  collect(message.payload);
  for (const value of Object.values(message.payload)) {
    if (isRecord(value)) Object.values(value).filter(isRecord).forEach(collect);
  }
  return times.length === 0 ? undefined : { offsetMs: message.offsetMs, utcMs: Math.max(...times) };
}

/** Keeps one topic's samples (in file order) whose offset moved past the previous kept one. */
export function withAdvancingOffsets(samples: readonly ClockSample[]): ClockSample[] {
  let lastOffset = -Infinity;
  return samples.filter(({ offsetMs }) => {
    if (offsetMs <= lastOffset) return false;
    lastOffset = offsetMs;
    return true;
  });
}

/** Median of `utc - offset`: the estimated epoch milliseconds of offset 0. */
export function medianStreamStart(samples: readonly ClockSample[]): number | undefined {
  if (samples.length === 0) return undefined;
  const starts = samples.map(({ offsetMs, utcMs }) => utcMs - offsetMs).sort((a, b) => a - b);
  const middle = Math.floor(starts.length / 2);
  return starts.length % 2 === 1 ? starts[middle] : Math.round((starts[middle - 1] + starts[middle]) / 2);
}

/** Derives the UTC of offset 0 for an archive session folder; undefined if nothing carries a clock. */
export async function deriveStreamClock(dir: string): Promise<StreamClock | undefined> {
  const files = await listArchiveTopicFiles(dir);
  const heartbeat = await samplesFrom(
    files.filter(({ topic }) => topic === 'Heartbeat').map(({ file }) => file),
  );
  const source: StreamClockSource = heartbeat.length > 0 ? 'Heartbeat' : 'event times';
  const samples =
    heartbeat.length > 0
      ? heartbeat
      : await samplesFrom(files.filter(({ topic }) => EVENT_TIME_TOPICS.has(topic)).map(({ file }) => file));
  const startUtcMs = medianStreamStart(samples);
  return startUtcMs === undefined ? undefined : { startUtcMs, source, samples: samples.length };
}

export function archiveTimestamp(clock: StreamClock, offsetMs: number): string {
  return toIsoUtc(clock.startUtcMs + offsetMs);
}

async function samplesFrom(files: readonly string[]): Promise<ClockSample[]> {
  const all: ClockSample[] = [];
  for (const file of files) {
    const samples: ClockSample[] = [];
    for await (const message of readArchiveTopicFile(file)) {
      const sample = clockSampleOf(message);
      if (sample) samples.push(sample);
    }
    all.push(...withAdvancingOffsets(samples));
  }
  return all;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
