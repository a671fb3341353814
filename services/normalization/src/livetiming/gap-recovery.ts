import { type RawRecord, rawRecordSchema } from '@slipstream/contracts';

import { type NormalizedOutput, type RawContext } from '../core/normalized-output';
import { type LivetimingNormalizer } from './livetiming-normalizer';

/** A RAW record read again, with the context it was first delivered in; `record` is unset when it does not parse. */
export interface StoredRawRecord {
  record: RawRecord | undefined;
  context: RawContext;
}

/** A delivered RAW message, as far as gap recovery looks at it (a `ConsumedMessage` is one). */
export interface DeliveredRecord {
  sequence: number;
  /** Throws when the payload is not JSON. */
  json(): unknown;
}

/** What gap recovery needs from outside: RAW, the durable's progress, the publisher and a log. */
export interface GapRecoveryPorts {
  /** The session's RAW records with `from <= sequence < to`, in stream order. */
  readSessionRecords(sessionKey: string, from: number, to: number): AsyncIterable<StoredRawRecord>;
  /** The highest RAW sequence the durable has acked, with everything before it. */
  ackFloor(): Promise<number>;
  publish(output: NormalizedOutput): Promise<void>;
  /** Resolves when everything published is stored. */
  flush(): Promise<void>;
  log(entry: { msg: string } & Record<string, unknown>): void;
}

/**
 * Keeps live-timing records applied in stream order although JetStream does not always deliver
 * them in order: a pull that expires while messages are on their way leaves them un-acked until
 * `ack_wait`, and later ones are delivered first; a restarted instance gets new records before its
 * predecessor's un-acked ones. So before a record is applied, any earlier record of its session
 * that this instance has not applied is read from RAW and applied (and its outputs published)
 * first; its late redelivery is then skipped by the normalizer. Deterministic event ids make any
 * repeat harmless.
 */
export class GapRecovery {
  /** The last RAW sequence this instance looked at: the next one needs no gap check. */
  private lastSequence = 0;

  constructor(
    private readonly normalizer: LivetimingNormalizer,
    private readonly ports: GapRecoveryPorts,
  ) {}

  /**
   * Applies what comes before the delivered record, and returns its session (undefined for a
   * record that does not parse: the batch dead-letters it). A session without state (first
   * record, or after a restart) is rebuilt from RAW: records up to the durable's ack floor only
   * restore the state (their outputs were published when they were acked); later ones were
   * delivered and not acked, so they are applied and published here. A session with state but a
   * gap before this record catches up on the gap the same way.
   */
  async applyEarlierRecords(delivered: DeliveredRecord): Promise<string | undefined> {
    const { sequence } = delivered;
    let sessionKey: string;
    try {
      sessionKey = this.normalizer.sessionKeyOf(rawRecordSchema.parse(delivered.json()));
    } catch {
      return undefined;
    }
    const contiguous = sequence === this.lastSequence + 1;
    this.lastSequence = sequence;
    if (!this.normalizer.has(sessionKey)) {
      this.normalizer.start(sessionKey);
      const ackFloor = await this.ports.ackFloor();
      const { restored, caughtUp } = await this.applyRange(sessionKey, 1, sequence, ackFloor);
      if (restored + caughtUp > 0)
        this.ports.log({ msg: 'session state rebuilt from RAW', sessionKey, restored, caughtUp });
      return sessionKey;
    }
    const appliedUpTo = this.normalizer.appliedSequence(sessionKey);
    if (!contiguous && sequence > appliedUpTo + 1) {
      const { caughtUp } = await this.applyRange(sessionKey, appliedUpTo + 1, sequence, 0);
      if (caughtUp > 0)
        this.ports.log({ msg: 'applied records delivered out of order', sessionKey, caughtUp });
    }
    return sessionKey;
  }

  /**
   * After a batch failed: its records are already in the state of these sessions, and it will be
   * delivered again, so the sessions are dropped and rebuilt from RAW on their next record.
   */
  forget(sessionKeys: Iterable<string>): void {
    for (const sessionKey of sessionKeys) this.normalizer.forget(sessionKey);
    this.lastSequence = 0;
  }

  /** Applies the session's RAW records in [from, to): up to `restoreUpTo` into the state only. */
  private async applyRange(
    sessionKey: string,
    from: number,
    to: number,
    restoreUpTo: number,
  ): Promise<{ restored: number; caughtUp: number }> {
    let restored = 0;
    let caughtUp = 0;
    if (from >= to) return { restored, caughtUp };
    for await (const { record, context } of this.ports.readSessionRecords(sessionKey, from, to)) {
      if (!record) continue;
      if (context.sequence <= restoreUpTo) {
        this.normalizer.replayIntoState(record, context);
        restored++;
      } else {
        for (const output of this.normalizer.catchUp(record, context)) await this.ports.publish(output);
        caughtUp++;
      }
    }
    await this.ports.flush();
    return { restored, caughtUp };
  }
}
