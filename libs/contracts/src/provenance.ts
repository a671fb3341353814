import { type RawSource } from './subjects';

/*
 * Where a fact came from, in three words that mean three different things:
 *
 * - source: the upstream that told slipstream the fact: `jolpica` (the API), `ergast` (the CSV
 *   dump), `livetiming` (F1's feed, live or recorded), or `test`. Ingestion and replay stamp it on
 *   each RAW record (`RawRecord.source`, also the second token of its subject); every event derived
 *   from the record carries it on (`EventMetadata.source`, the `Slipstream-Source` header), and the
 *   historical read models keep it in their `source` column. Events slipstream works out itself,
 *   such as calculated standings, say `slipstream`.
 *
 * - origin: how a record of one source reached slipstream, where there is more than one way. For
 *   `livetiming`: `archive` (a session folder from F1's static archive), `capture` (a recorded
 *   SignalR capture file) or `live` (the feed itself), in the RAW record's `meta.origin`;
 *   normalization never reads it, since a replay must not be told apart from the live feed.
 *   Historical standings tables have an `origin` column of their own: `published` (as the source
 *   published them) or `calculated` (by slipstream from results), which the history API shows as
 *   `source: official | calculated`. Both are on the wire, so both names stay.
 *
 * - provenance: not a field, the trail from a read-model row back to its fact: the event id, its
 *   source and when it was recorded (projection's `provenanceColumns`). The `PROVENANCE.md` files
 *   beside data say where the data itself was downloaded and under which licence.
 */

/** Every RAW record's `source`. */
export const RAW_SOURCES = [
  'jolpica',
  'ergast',
  'livetiming',
  'test',
] as const satisfies readonly RawSource[];

/** An event's `source`: its RAW record's, or `slipstream` for what slipstream worked out itself. */
export type EventSource = (typeof RAW_SOURCES)[number] | 'slipstream';

/** How a live-timing record reached slipstream; kept in the RAW record's `meta.origin`. */
export type LivetimingOrigin = 'archive' | 'capture' | 'live';
