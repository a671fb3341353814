import { describe, expect, it } from 'vitest';

import { type RawRecord, rawSubjects } from '@slipstream/contracts';

import { type NormalizedOutput } from '../core/normalized-output';
import { GapRecovery, type GapRecoveryPorts, type StoredRawRecord } from './gap-recovery';
import { LivetimingNormalizer } from './livetiming-normalizer';

const SESSION = '9001';
const OTHER_SESSION = '9002';
const STATUSES = [
  { Status: '1', Message: 'AllClear' },
  { Status: '2', Message: 'Yellow' },
  { Status: '4', Message: 'SCDeployed' },
  { Status: '6', Message: 'VSCDeployed' },
];

/** A RAW live-timing record changing the track status: each one yields a `TrackStatusChanged`. */
function trackStatus(sessionKey: string, n: number): RawRecord {
  return {
    source: 'livetiming',
    resource: 'TrackStatus',
    receivedAt: new Date(Date.UTC(2025, 4, 4, 20, 0, n)).toISOString(),
    meta: { sessionKey, offsetMs: n * 1_000 },
    payload: STATUSES[n % STATUSES.length],
  };
}

/** RAW as a list of stored records, and what gap recovery did with it. */
function fakeRaw(records: Array<[sequence: number, record: RawRecord | undefined]>, ackFloor = 0) {
  const reads: Array<[sessionKey: string, from: number, to: number]> = [];
  const published: NormalizedOutput[] = [];
  const logged: string[] = [];
  const ports: GapRecoveryPorts = {
    async *readSessionRecords(sessionKey, from, to): AsyncGenerator<StoredRawRecord> {
      reads.push([sessionKey, from, to]);
      for (const [sequence, record] of records) {
        if (sequence < from || sequence >= to) continue;
        if (record && record.meta.sessionKey !== sessionKey) continue;
        const msgId = `raw-${sequence}`;
        yield {
          record,
          context: {
            subject: rawSubjects.livetiming(sessionKey, 'TrackStatus'),
            sequence,
            msgId,
            correlationId: msgId,
          },
        };
      }
    },
    ackFloor: async () => ackFloor,
    publish: async (output) => void published.push(output),
    flush: async () => undefined,
    log: (entry) => void logged.push(entry.msg),
  };
  return { ports, reads, published, logged };
}

function delivered(sequence: number, record: unknown) {
  return { sequence, json: () => record };
}

function causations(outputs: NormalizedOutput[]): string[] {
  return outputs.map((output) => (output.kind === 'event' ? String(output.event.causationId) : output.msgId));
}

describe('GapRecovery', () => {
  it('rebuilds a session it has no state for: acked records into the state only, the rest published', async () => {
    const records = [1, 2, 3, 4].map((n) => [n, trackStatus(SESSION, n)] as [number, RawRecord]);
    const raw = fakeRaw(records, 2);
    const normalizer = new LivetimingNormalizer();
    const recovery = new GapRecovery(normalizer, raw.ports);

    expect(await recovery.applyEarlierRecords(delivered(5, trackStatus(SESSION, 5)))).toBe(SESSION);

    expect(raw.reads).toEqual([[SESSION, 1, 5]]);
    // 1 and 2 were acked, so their events are in EVENTS already; 3 and 4 were delivered, never acked.
    expect(causations(raw.published)).toEqual(['raw-3', 'raw-4']);
    expect(normalizer.appliedSequence(SESSION)).toBe(4);
    expect(raw.logged).toEqual(['session state rebuilt from RAW']);
  });

  it('counts a caught-up record as merged when it is delivered again, and publishes nothing for it', async () => {
    const raw = fakeRaw([[1, trackStatus(SESSION, 1)]]);
    const normalizer = new LivetimingNormalizer();
    const recovery = new GapRecovery(normalizer, raw.ports);
    await recovery.applyEarlierRecords(delivered(2, trackStatus(SESSION, 2)));

    const redelivery = normalizer.normalizeCounted(trackStatus(SESSION, 1), {
      subject: rawSubjects.livetiming(9001, 'TrackStatus'),
      sequence: 1,
      msgId: 'raw-1',
      correlationId: 'raw-1',
    });
    expect(redelivery).toEqual({ outputs: [], outcome: 'merged' });
  });

  it('reads nothing for the next record in stream order', async () => {
    const raw = fakeRaw([]);
    const normalizer = new LivetimingNormalizer();
    const recovery = new GapRecovery(normalizer, raw.ports);
    for (const sequence of [1, 2, 3]) {
      await recovery.applyEarlierRecords(delivered(sequence, trackStatus(SESSION, sequence)));
      normalizer.normalize(trackStatus(SESSION, sequence), {
        subject: 's',
        sequence,
        msgId: `raw-${sequence}`,
        correlationId: 'c',
      });
    }
    expect(raw.reads).toEqual([]);
    expect(raw.published).toEqual([]);
  });

  it('applies the records of a gap before a record delivered early', async () => {
    const records = [6, 7].map((n) => [n, trackStatus(SESSION, n)] as [number, RawRecord]);
    const raw = fakeRaw(records);
    const normalizer = new LivetimingNormalizer();
    const recovery = new GapRecovery(normalizer, raw.ports);
    await recovery.applyEarlierRecords(delivered(5, trackStatus(SESSION, 5)));
    normalizer.normalize(trackStatus(SESSION, 5), {
      subject: 's',
      sequence: 5,
      msgId: 'raw-5',
      correlationId: 'raw-5',
    });

    await recovery.applyEarlierRecords(delivered(8, trackStatus(SESSION, 8)));

    expect(raw.reads.at(-1)).toEqual([SESSION, 6, 8]);
    expect(causations(raw.published)).toEqual(['raw-6', 'raw-7']);
    expect(raw.logged.at(-1)).toBe('applied records delivered out of order');
  });

  it("looks only at the delivered record's session, and skips stored records that do not parse", async () => {
    const raw = fakeRaw([
      [1, trackStatus(OTHER_SESSION, 1)],
      [2, undefined],
      [3, trackStatus(SESSION, 3)],
    ]);
    const recovery = new GapRecovery(new LivetimingNormalizer(), raw.ports);
    await recovery.applyEarlierRecords(delivered(4, trackStatus(SESSION, 4)));
    expect(causations(raw.published)).toEqual(['raw-3']);
  });

  it('leaves a record that does not parse to the batch, which dead-letters it', async () => {
    const raw = fakeRaw([]);
    const recovery = new GapRecovery(new LivetimingNormalizer(), raw.ports);
    const notJson = {
      sequence: 1,
      json: () => {
        throw new SyntaxError('Unexpected token');
      },
    };
    expect(await recovery.applyEarlierRecords(notJson)).toBeUndefined();
    expect(await recovery.applyEarlierRecords(delivered(2, { source: 'livetiming' }))).toBeUndefined();
    expect(raw.reads).toEqual([]);
  });

  it('rebuilds a forgotten session from RAW on its next record', async () => {
    const raw = fakeRaw([[1, trackStatus(SESSION, 1)]]);
    const normalizer = new LivetimingNormalizer();
    const recovery = new GapRecovery(normalizer, raw.ports);
    await recovery.applyEarlierRecords(delivered(2, trackStatus(SESSION, 2)));
    recovery.forget([SESSION]);
    expect(normalizer.has(SESSION)).toBe(false);

    await recovery.applyEarlierRecords(delivered(2, trackStatus(SESSION, 2)));
    expect(raw.reads).toEqual([
      [SESSION, 1, 2],
      [SESSION, 1, 2],
    ]);
  });
});
