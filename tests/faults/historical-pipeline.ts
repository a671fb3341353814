import { jetstream, type JetStreamClient, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

import { type ClickHouseHandle, queryRows } from '@slipstream/clickhouse';
import {
  DEFAULT_PUBLISHER_OPTIONS,
  JetStreamPublisher,
  type OutgoingMessage,
  provisionStreams,
  type PublisherOptions,
} from '@slipstream/messaging';
import { waitForConsumerDrained } from '@slipstream/testing';

import {
  type CsvImportReport,
  importErgastCsv,
} from '../../services/ingestion/src/ergast-csv/import-ergast-csv';

/** Every import in these tests stamps this time, so two imports of the same files write the same RAW. */
export const IMPORTED_AT = '2025-11-01T10:00:00.000Z';

/** Holds an import after `after` messages until `open()` is called; `reached` tells the test it waits. */
export class ImportGate {
  readonly reached: Promise<void>;
  private readonly opened: Promise<void>;
  private reach!: () => void;
  open!: () => void;

  constructor(readonly after: number) {
    this.reached = new Promise((resolve) => (this.reach = resolve));
    this.opened = new Promise((resolve) => (this.open = resolve));
  }

  /** The publisher arrived here (every message before it acked): wait until the test opens it. */
  async pass(): Promise<void> {
    this.reach();
    await this.opened;
  }
}

/** A publisher that stops at each gate, every message before it acked, until the test opens it. */
class GatedPublisher extends JetStreamPublisher {
  private sent = 0;

  constructor(
    js: JetStreamClient,
    options: PublisherOptions,
    onAck: ((message: OutgoingMessage) => void) | undefined,
    private readonly gates: ImportGate[],
  ) {
    super(js, options, onAck);
  }

  override async publish(message: OutgoingMessage): Promise<void> {
    for (const gate of this.gates) {
      if (gate.after !== this.sent) continue;
      await this.flush();
      await gate.pass();
    }
    this.sent++;
    return super.publish(message);
  }
}

/**
 * `npm run ingest -- import-csv <dir>` as a library call, with an optional hook on every server
 * ack and optional gates that hold it midway; the report adds how many publishes were retried
 * (after a timeout or a lost connection).
 */
export async function importCsvSet(
  nc: NatsConnection,
  directory: string,
  onAck?: (message: OutgoingMessage) => void,
  gates: ImportGate[] = [],
): Promise<CsvImportReport & { retries: number }> {
  await provisionStreams(await jetstreamManager(nc));
  const options = { ...DEFAULT_PUBLISHER_OPTIONS, maxInFlight: 1_024 };
  const publisher = new GatedPublisher(jetstream(nc), options, onAck, gates);
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
