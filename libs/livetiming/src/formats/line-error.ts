import { type CompressedPayloads } from './compressed-payload';

/** A line that could not be turned into a TopicMessage; readers skip it and go on. */
export interface LineError {
  file: string;
  /** 1-based. */
  line: number;
  reason: string;
}

export interface ReadOptions {
  /**
   * Called for every skipped line, with the line as read when there was one (not for a damaged
   * gzip stream); without it broken lines are skipped silently.
   */
  onError?: (error: LineError, text?: string) => void;
  /** `.z` payloads: inflated to JSON (`decode`, the default) or only checked (`verify`). */
  compressedPayloads?: CompressedPayloads;
}

/** Thrown by line parsers; readers turn it into a LineError with file and line attached. */
export class MalformedLineError extends Error {
  override readonly name = 'MalformedLineError';
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
