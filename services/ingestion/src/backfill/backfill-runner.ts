import { rawSubjects } from '@slipstream/contracts';
import { type JolpicaResource } from '@slipstream/historical';
import { type JetStreamPublisher } from '@slipstream/messaging';

import { type JolpicaClient } from '../jolpica/jolpica-client';
import { jolpicaRawRecords } from '../jolpica/jolpica-raw-records';
import { type CheckpointStore } from '../progress/checkpoint-store';
import { type ProgressReporter } from '../progress/progress-reporter';
import { type BackfillUnit, globalUnits, roundUnits, seasonUnits } from './backfill-plan';

export interface BackfillOptions {
  from: number;
  to: number;
  resources: readonly JolpicaResource[];
  client: JolpicaClient;
  publisher: JetStreamPublisher;
  checkpoints: CheckpointStore;
  /** Re-fetch units already checkpointed (incremental mode re-reads the current season). */
  refresh?: (unit: BackfillUnit) => boolean;
  progress?: ProgressReporter;
  now?: () => Date;
}

export interface BackfillReport {
  units: number;
  skipped: number;
  requests: number;
  records: number;
}

/**
 * Walks the API season by season. Each unit (a resource in a season or round, all its pages) is
 * checkpointed in NATS KV after its records are acked, so a killed backfill resumes at the first
 * unfinished unit; a unit cut short is fetched again and its records deduplicated by message id.
 */
export async function runBackfill(options: BackfillOptions): Promise<BackfillReport> {
  const report: BackfillReport = { units: 0, skipped: 0, requests: 0, records: 0 };
  const seasons = Array.from({ length: options.to - options.from + 1 }, (_, index) => options.from + index);
  const estimatedUnits = seasons.length * 60;
  const run = async (unit: BackfillUnit) => {
    report.units++;
    if ((await options.checkpoints.isDone(unit.key)) && !options.refresh?.(unit)) {
      report.skipped++;
      return;
    }
    const now = options.now?.() ?? new Date();
    const receivedAt = now.toISOString();
    const recordsBefore = report.records;
    for await (const page of options.client.pages(unit.resource, {
      season: unit.season,
      round: unit.round,
    })) {
      report.requests++;
      for (const { messageId, record } of jolpicaRawRecords(unit.resource, page, receivedAt)) {
        await options.publisher.publish({
          subject: rawSubjects.jolpica(unit.resource),
          msgId: messageId,
          payload: record,
        });
        report.records++;
      }
    }
    await options.publisher.flush();
    // An empty unit of the running season is a race not run yet: ask again next time.
    const notYet = report.records === recordsBefore && (unit.season ?? 0) >= now.getUTCFullYear();
    if (!notYet) await options.checkpoints.markDone(unit.key);
    options.progress?.update(
      report.units,
      Math.max(estimatedUnits, report.units),
      `${unit.key} (${report.requests} requests, ${report.records} records)`,
    );
  };
  for (const unit of globalUnits(options.resources)) await run(unit);
  for (const season of seasons) {
    for (const unit of seasonUnits(season, options.resources)) await run(unit);
    const rounds = await roundsOf(season, options.client);
    report.requests++;
    for (const unit of roundUnits(season, rounds, options.resources)) await run(unit);
  }
  options.progress?.update(report.units, report.units, 'done', true);
  return report;
}

/** The season's schedule: cheap (one page) and needed for the per-round resources. */
async function roundsOf(season: number, client: JolpicaClient): Promise<number[]> {
  const races = (await client.fetchAll('races', { season })) as Array<{ round?: string }>;
  return races.map((race) => Number(race.round)).filter((round) => Number.isInteger(round) && round > 0);
}
