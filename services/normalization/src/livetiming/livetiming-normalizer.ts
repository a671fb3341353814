import { type RawRecord } from '@slipstream/contracts';
import {
  decodeTopicPayload,
  InvalidPatchError,
  SessionEventDeriver,
  type TopicMessage,
} from '@slipstream/livetiming';
import { PermanentError } from '@slipstream/messaging';

import { type NormalizedOutput, type RawContext } from '../core/normalized-output';

/** What became of one RAW live-timing record; dead-lettered records are the third outcome. */
export type PatchOutcome = 'merged' | 'deduplicated';

/**
 * Live-timing normalization: one deriver per session holds the merged feed state, so messages
 * must be applied in stream order. Pure apart from that in-memory state, which `rebuild` restores
 * after a restart by re-applying the session's earlier RAW messages without publishing again.
 */
export class LivetimingNormalizer {
  private readonly derivers = new Map<string, SessionEventDeriver>();
  /** Highest RAW sequence applied to each session's state: a redelivery at or below it is stale. */
  private readonly appliedUpTo = new Map<string, number>();
  /** Records that failed while a rebuild caught up on them; their redelivery is dead-lettered with this error. */
  private readonly failedInRebuild = new Map<number, unknown>();
  /** Records a rebuild merged and published: their redelivery is the delivery of a merged record. */
  private readonly mergedInCatchUp = new Set<number>();

  has(sessionKey: string): boolean {
    return this.derivers.has(sessionKey);
  }

  /** The highest RAW sequence applied to the session's state (0 if none). */
  appliedSequence(sessionKey: string): number {
    return this.appliedUpTo.get(sessionKey) ?? 0;
  }

  /** Starts an empty state for a session (its first message, or before a rebuild). */
  start(sessionKey: string): void {
    if (!this.derivers.has(sessionKey)) this.derivers.set(sessionKey, new SessionEventDeriver());
  }

  sessionKeyOf(record: RawRecord): string {
    const sessionKey = record.meta.sessionKey ?? record.key;
    if (typeof sessionKey !== 'string' || sessionKey === '') {
      throw new PermanentError(
        'live-timing record has no session key (meta.sessionKey)',
        'missing_session_key',
      );
    }
    return sessionKey;
  }

  /**
   * A message at or below the session's applied sequence was already applied (by a rebuild after a
   * restart, whose catch-up published its outputs): applying an old patch again would roll the
   * state back, so it yields nothing and is acked.
   */
  normalize(record: RawRecord, context: RawContext): NormalizedOutput[] {
    return this.normalizeCounted(record, context).outputs;
  }

  /**
   * As `normalize`, and says what became of the record for the books: merged into the state, or
   * deduplicated (a redelivery of a record already applied). A record that throws is dead-lettered.
   */
  normalizeCounted(
    record: RawRecord,
    context: RawContext,
  ): { outputs: NormalizedOutput[]; outcome: PatchOutcome } {
    const sessionKey = this.sessionKeyOf(record);
    this.start(sessionKey);
    if (context.sequence <= (this.appliedUpTo.get(sessionKey) ?? 0)) {
      const failure = this.failedInRebuild.get(context.sequence);
      this.failedInRebuild.delete(context.sequence);
      if (failure !== undefined) throw failure;
      const outcome = this.mergedInCatchUp.delete(context.sequence) ? 'merged' : 'deduplicated';
      return { outputs: [], outcome };
    }
    this.appliedUpTo.set(sessionKey, context.sequence);
    try {
      const outputs = this.derivers.get(sessionKey)!.apply(toTopicMessage(record), {
        sessionKey,
        recordedAt: record.receivedAt,
        correlationId: context.correlationId,
        causationId: context.msgId,
      });
      return { outputs, outcome: 'merged' };
    } catch (error) {
      if (error instanceof InvalidPatchError) throw new PermanentError(error.message, 'invalid_schema');
      throw error;
    }
  }

  /** Re-applies already-normalized records to restore a session's state; their outputs were published before. */
  replayIntoState(record: RawRecord, context: RawContext): void {
    try {
      this.normalize(record, context);
    } catch {
      // It failed the first time too and was dead-lettered then.
    }
  }

  /**
   * Applies a record a stopped instance received but never acked, during a rebuild: its outputs
   * must be published now, in stream order, because the redelivery will come after later records.
   */
  catchUp(record: RawRecord, context: RawContext): NormalizedOutput[] {
    try {
      const outputs = this.normalize(record, context);
      this.mergedInCatchUp.add(context.sequence);
      return outputs;
    } catch (error) {
      this.failedInRebuild.set(context.sequence, error);
      return [];
    }
  }

  forget(sessionKey: string): void {
    this.derivers.delete(sessionKey);
    this.appliedUpTo.delete(sessionKey);
  }
}

function toTopicMessage(record: RawRecord): TopicMessage {
  const offsetMs = typeof record.meta.offsetMs === 'number' ? record.meta.offsetMs : undefined;
  let payload: unknown;
  try {
    payload = decodeTopicPayload(record.resource, record.payload);
  } catch (error) {
    throw new PermanentError(error instanceof Error ? error.message : String(error), 'corrupt_payload');
  }
  return { topic: record.resource, offsetMs, timestamp: record.receivedAt, payload, line: 0 };
}
