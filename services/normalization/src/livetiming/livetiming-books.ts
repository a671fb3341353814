import { type MetricsService } from '@slipstream/platform';

import { type PatchOutcome } from './livetiming-normalizer';

/**
 * The books of live-timing normalization, in `/metrics` as `slipstream_livetiming_records_total`:
 * every RAW record is either merged into the session state or dead-lettered (with its reason, in
 * the DLQ), exactly once. A record delivered again after it was applied (an ack that came too
 * late, a restart) is counted as deduplicated and changes nothing. So merged + dead_lettered is
 * the number of RAW live-timing records, and deduplicated the number of extra deliveries.
 */
export class LivetimingBooks {
  private readonly records: ReturnType<MetricsService['counter']>;

  constructor(metrics: MetricsService) {
    this.records = metrics.counter(
      'slipstream_livetiming_records_total',
      'RAW live-timing deliveries by outcome: merged, dead_lettered, or deduplicated (a record delivered again after it was applied)',
      ['outcome'],
    );
    for (const outcome of ['merged', 'dead_lettered', 'deduplicated']) this.records.inc({ outcome }, 0);
  }

  count(outcomes: PatchOutcome[], deadLettered: number): void {
    const merged = outcomes.filter((outcome) => outcome === 'merged').length;
    this.records.inc({ outcome: 'merged' }, merged);
    this.records.inc({ outcome: 'deduplicated' }, outcomes.length - merged);
    this.records.inc({ outcome: 'dead_lettered' }, deadLettered);
  }
}
