import { type MetricsService } from '@slipstream/platform';

import { type PatchOutcome } from './livetiming-normalizer';

/**
 * The books of live-timing normalization: every RAW record it receives is merged into the session
 * state, dead-lettered (with its reason, in the DLQ) or deduplicated (a redelivery of a record
 * already applied), exactly one of the three. `/metrics` shows them as
 * `slipstream_livetiming_records_total{outcome}`.
 */
export class LivetimingBooks {
  private readonly records: ReturnType<MetricsService['counter']>;

  constructor(metrics: MetricsService) {
    this.records = metrics.counter(
      'slipstream_livetiming_records_total',
      'RAW live-timing records by what normalization did with them: merged, dead_lettered or deduplicated',
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
