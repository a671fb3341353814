import { historicalEventSubject, type RawRecord } from '@slipstream/contracts';
import {
  ERGAST_REFERENCE_TABLES,
  ErgastReferenceIndex,
  type ErgastReferenceTable,
  ergastRowToEvents,
} from '@slipstream/historical';

import { type NormalizedOutput, type RawContext } from '../core/normalized-output';

const isReferenceTable = (table: string): table is ErgastReferenceTable =>
  (ERGAST_REFERENCE_TABLES as readonly string[]).includes(table);

/**
 * Ergast CSV rows point at each other by surrogate ids, so the normalizer keeps the reference
 * tables (races, drivers, constructors, circuits, status) in memory; `remember` restores them after
 * a restart from RAW before fact rows are mapped.
 */
export class ErgastNormalizer {
  private readonly reference = new ErgastReferenceIndex();

  remember(record: RawRecord): void {
    if (isReferenceTable(record.resource))
      this.reference.add(record.resource, record.payload as Record<string, string>);
  }

  normalize(record: RawRecord, context: RawContext): NormalizedOutput[] {
    this.remember(record);
    const events = ergastRowToEvents(record.resource, record.payload as Record<string, string>, {
      recordedAt: record.receivedAt,
      correlationId: context.correlationId,
      causationId: context.msgId,
      reference: this.reference,
    });
    return events.map((event) => ({ kind: 'event', subject: historicalEventSubject(event), event }));
  }
}
