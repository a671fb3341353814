import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

import { parse } from 'csv-parse';

import { contentHash, type RawRecordInput } from '@slipstream/contracts';
import { type ErgastTable } from '@slipstream/historical';

import { type ErgastCsvFile, findErgastCsvFiles } from './ergast-csv-files';
import { ergastRowKey } from './ergast-row-keys';

export interface ErgastCsvRecord {
  table: ErgastTable;
  /** `Nats-Msg-Id`: source, table, row key and content hash, so importing the set twice publishes nothing new. */
  messageId: string;
  record: RawRecordInput;
}

export interface SkippedCsvLine {
  table: ErgastTable;
  line: number;
  reason: string;
  raw: string | undefined;
}

export interface ErgastCsvReaderOptions {
  /** Stamped on every record; the time of the import unless given. */
  receivedAt?: string;
  tables?: readonly ErgastTable[];
  /** A line the CSV parser cannot read: reported here (for the dead-letter queue), then skipped. */
  onSkippedLine?: (skipped: SkippedCsvLine) => void;
}

/**
 * Streams every table of an Ergast CSV set, row by row, as RAW records holding the row exactly as
 * parsed (text values, `\N` kept), counting the rows of each table as it goes.
 */
export class ErgastCsvReader {
  readonly rowCounts = new Map<ErgastTable, number>();
  readonly skippedCounts = new Map<ErgastTable, number>();
  missingTables: ErgastTable[] = [];

  constructor(
    private readonly directory: string,
    private readonly options: ErgastCsvReaderOptions = {},
  ) {}

  async *records(): AsyncGenerator<ErgastCsvRecord> {
    const { files, missing } = await findErgastCsvFiles(this.directory);
    const wanted = (table: ErgastTable) => !this.options.tables || this.options.tables.includes(table);
    this.missingTables = missing.filter(wanted);
    const receivedAt = this.options.receivedAt ?? new Date().toISOString();
    for (const file of files.filter((candidate) => wanted(candidate.table)))
      yield* this.tableRecords(file, receivedAt);
  }

  private async *tableRecords(file: ErgastCsvFile, receivedAt: string): AsyncGenerator<ErgastCsvRecord> {
    const { table } = file;
    this.rowCounts.set(table, 0);
    const parser = parse({
      columns: true,
      bom: true,
      info: true,
      // The 2025 rows of races.csv stop after `url`: the session columns are absent, not empty.
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (error, raw) => {
        this.skippedCounts.set(table, (this.skippedCounts.get(table) ?? 0) + 1);
        this.options.onSkippedLine?.({
          table,
          line: error?.lines ?? 0,
          reason: error?.message ?? 'unreadable line',
          raw,
        });
        return undefined;
      },
    });
    const streams: Readable[] = [createReadStream(file.path), ...(file.gzipped ? [createGunzip()] : [])];
    // pipeline, unlike pipe, destroys the parser when reading or gunzipping fails, so the loop throws.
    pipeline([...streams, parser], () => undefined);
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      this.rowCounts.set(table, this.rowCounts.get(table)! + 1);
      const key = ergastRowKey(table, record);
      yield {
        table,
        messageId: `ergast:${table}:${key}:${contentHash(record)}`,
        record: {
          source: 'ergast',
          resource: table,
          key,
          receivedAt,
          meta: { file: basename(file.path), line: info.lines },
          payload: record,
        },
      };
    }
  }
}
