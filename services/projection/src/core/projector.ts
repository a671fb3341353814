import { type AnyEvent } from '@slipstream/contracts';

/** A row bound for one ClickHouse table. */
export interface ProjectedRow {
  table: string;
  row: Record<string, unknown>;
}

/**
 * A pure function from one event to the rows it contributes. Rows carry their natural key and a
 * `_version` derived from the event (never from wall-clock time or stream position), so replays
 * and redeliveries converge in `ReplacingMergeTree(_version)` tables.
 */
export type Projector = (event: AnyEvent) => ProjectedRow[];

export interface ProjectorRegistration {
  name: string;
  eventTypes: readonly string[];
  project: Projector;
}
