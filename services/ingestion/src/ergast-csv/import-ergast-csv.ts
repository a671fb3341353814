import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import { HEADERS, rawSubjects } from '@slipstream/contracts';
import { type ErgastTable } from '@slipstream/historical';
import { deadLetterMessage, type JetStreamPublisher, type OutgoingMessage } from '@slipstream/messaging';

import { type CheckpointStore } from '../progress/checkpoint-store';
import { type ProgressReporter } from '../progress/progress-reporter';
import { findErgastCsvFiles } from './ergast-csv-files';
import { ErgastCsvReader, type SkippedCsvLine } from './ergast-csv-reader';

export interface CsvImportOptions {
  directory: string;
  tables?: readonly ErgastTable[];
  publisher: JetStreamPublisher;
  checkpoints?: CheckpointStore;
  /** Re-publish tables whose file is unchanged since the last import. */
  force?: boolean;
  progress?: ProgressReporter;
  /** Stamped on every record instead of the time of the import (reproducible imports in tests). */
  receivedAt?: string;
}

export interface CsvTableReport {
  rows: number;
  skippedLines: number;
  /** The file was imported before with the same content: nothing was published. */
  unchanged: boolean;
}

export interface CsvImportReport {
  tables: Partial<Record<ErgastTable, CsvTableReport>>;
  missing: ErgastTable[];
  published: number;
  duplicates: number;
}

/**
 * Streams an Ergast CSV set into RAW, table by table. Each row has a deterministic message id; each
 * table's file hash is checkpointed, so importing the same set again publishes nothing at all.
 * Lines the CSV parser cannot read go to `dlq.ingestion.unreadable_csv_line` with the line.
 */
export async function importErgastCsv(options: CsvImportOptions): Promise<CsvImportReport> {
  const { files, missing } = await findErgastCsvFiles(options.directory);
  const wanted = files.filter((file) => !options.tables || options.tables.includes(file.table));
  const report: CsvImportReport = {
    tables: {},
    missing: missing.filter((t) => !options.tables || options.tables.includes(t)),
    published: 0,
    duplicates: 0,
  };
  const before = { ...options.publisher.stats };
  let rowsDone = 0;
  for (const file of wanted) {
    const hash = await fileHash(file.path);
    const checkpoint = `csv.${file.table}`;
    if (!options.force && (await options.checkpoints?.get(checkpoint)) === hash) {
      report.tables[file.table] = { rows: 0, skippedLines: 0, unchanged: true };
      continue;
    }
    const skipped: SkippedCsvLine[] = [];
    const reader = new ErgastCsvReader(options.directory, {
      tables: [file.table],
      receivedAt: options.receivedAt,
      onSkippedLine: (line) => skipped.push(line),
    });
    for await (const { table, messageId, record } of reader.records()) {
      await options.publisher.publish({
        subject: rawSubjects.ergast(table),
        msgId: messageId,
        payload: record,
      });
      options.progress?.update(++rowsDone, undefined, table);
    }
    for (const line of skipped) await options.publisher.publishAndWait(deadLetterOf(line, file.path));
    await options.publisher.flush();
    await options.checkpoints?.markDone(checkpoint, hash);
    report.tables[file.table] = {
      rows: reader.rowCounts.get(file.table) ?? 0,
      skippedLines: skipped.length,
      unchanged: false,
    };
  }
  options.progress?.update(rowsDone, rowsDone, 'done', true);
  report.published = options.publisher.stats.published - before.published;
  report.duplicates = options.publisher.stats.duplicates - before.duplicates;
  return report;
}

function deadLetterOf(line: SkippedCsvLine, path: string): OutgoingMessage {
  return deadLetterMessage({
    stage: 'ingestion',
    reason: 'unreadable_csv_line',
    error: line.reason,
    deliveries: 0,
    original: {
      stream: 'file',
      subject: rawSubjects.ergast(line.table),
      sequence: line.line,
      headers: { [HEADERS.sourceFile]: [path] },
      bytes: Buffer.from(line.raw ?? ''),
    },
    msgId: `dlq:csv:${line.table}:${line.line}:${line.raw ?? ''}`.slice(0, 200),
  }).message;
}

async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
