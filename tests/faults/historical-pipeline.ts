import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

import { type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';
import {
  DEFAULT_PUBLISHER_OPTIONS,
  JetStreamPublisher,
  type OutgoingMessage,
  provisionStreams,
} from '@slipstream/messaging';
import { waitForConsumerDrained } from '@slipstream/testing';

import {
  type CsvImportReport,
  importErgastCsv,
} from '../../services/ingestion/src/csv-import/import-ergast-csv';

/** Every import in these tests stamps this time, so two imports of the same files write the same RAW. */
export const IMPORTED_AT = '2025-11-01T10:00:00.000Z';

/**
 * `npm run ingest -- import-csv <dir>` as a library call, with an optional hook on every server
 * ack; the report adds how many publishes were retried (after a timeout or a lost connection).
 */
export async function importCsvSet(
  nc: NatsConnection,
  directory: string,
  onAck?: (message: OutgoingMessage) => void,
): Promise<CsvImportReport & { retries: number }> {
  await provisionStreams(await jetstreamManager(nc));
  const publisher = new JetStreamPublisher(
    jetstream(nc),
    { ...DEFAULT_PUBLISHER_OPTIONS, maxInFlight: 1_024 },
    onAck,
  );
  const report = await importErgastCsv({ directory, publisher, receivedAt: IMPORTED_AT });
  return { ...report, retries: publisher.stats.retries };
}

const HISTORICAL_DURABLES: Array<[string, string]> = [
  ['RAW', 'normalization-ergast'],
  ['EVENTS', 'normalization-standings'],
  ['EVENTS', 'projection-events'],
];

/** Waits until the CSV path has nothing left: the standings reactor feeds EVENTS again, so check twice. */
export async function historicalDrained(nc: NatsConnection, timeoutMs = 60_000): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    for (const [stream, durable] of HISTORICAL_DURABLES)
      await waitForConsumerDrained(nc, stream, durable, timeoutMs);
  }
}

/** How far a durable consumer has acked, as a share of its stream (as the convergence spec measures). */
export async function ackedShare(nc: NatsConnection, stream: string, durable: string): Promise<number> {
  const jsm = await jetstreamManager(nc);
  const [info, streamInfo] = await Promise.all([
    jsm.consumers.info(stream, durable),
    jsm.streams.info(stream),
  ]);
  return info.ack_floor.stream_seq / Math.max(1, streamInfo.state.last_seq);
}

/** The historical tables (not the views over them) of a database, qualified by it. */
export async function historicalTables(clickhouse: ClickHouseHandle, database: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    clickhouse.client,
    "SELECT name FROM system.tables WHERE database = {database:String} AND name LIKE 'hist\\_%' AND engine LIKE '%MergeTree' ORDER BY name",
    { database },
  );
  return rows.map((row) => `${database}.${row.name}`);
}

/** Stream message counts per subject prefix (e.g. `raw.ergast.results`). */
export async function subjectCounts(
  nc: NatsConnection,
  stream: string,
  filter = '>',
): Promise<Record<string, number>> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream, { subjects_filter: filter });
  return info.state.subjects ?? {};
}
