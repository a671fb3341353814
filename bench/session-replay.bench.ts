import { join } from 'node:path';

import {
  DURABLE_CONSUMERS,
  eventSubjects,
  rawSubjects,
  STREAMS,
  telemetrySubjects,
} from '@slipstream/contracts';
import { createTempDir } from '@slipstream/testing';

import { type BenchContext, type BenchFigure, msSince } from './infra/bench';
import { ClickHouseWorker } from './infra/clickhouse-worker';
import { SESSIONS_DIR } from './infra/paths';
import { LIVETIMING_CONSUMERS, type Pipeline } from './infra/pipeline';
import { measurePipelineVsDirect } from './infra/pipeline-vs-direct';
import { sharedPipeline } from './infra/shared-pipeline';
import { measureTransportFloor, transportFloorFigures } from './infra/transport-floor';
import { type WorkerResults } from './worker/protocol';

export const description =
  'Mexico City qualifying at full speed through replay → normalization → projection, vs inserting the decoded rows into chDB and vs the JetStream floor of the same messages';

const BENCHMARK = 'session-replay';
export const SESSION = '2025-mexico-city-gp-qualifying';
export const SESSION_KEY = 9873;

export interface ReplayRun {
  ms: number;
  replayMs: number;
  messagesSent: number;
  peaks: Record<string, number>;
}

/**
 * Replays the session at full speed and waits until normalization and both projections are idle.
 * The clock starts with the replay request and stops when the last row is stored.
 */
export async function replayThrough(pipeline: Pipeline): Promise<ReplayRun> {
  pipeline.resetPeaks();
  const started = process.hrtime.bigint();
  const { messagesSent } = await pipeline.replay(SESSION);
  const replayMs = msSince(started);
  await pipeline.drained(LIVETIMING_CONSUMERS);
  return { ms: msSince(started), replayMs, messagesSent, peaks: pipeline.peaks() };
}

/** The baseline: every telemetry sample decoded first (not timed), then inserted as the projection would. */
export async function directTelemetryInsert(ctx: BenchContext) {
  const dir = createTempDir('slipstream-bench-direct-telemetry-');
  const worker = await ClickHouseWorker.open('chdb-direct-telemetry', ctx.logDir, dir.path);
  try {
    await worker.call('migrate', {});
    worker.memory.reset();
    const insert = await worker.call('insertSessionTelemetry', {
      sessionDir: join(SESSIONS_DIR, SESSION),
      sessionKey: SESSION_KEY,
    });
    return { ...insert, peakMiB: worker.peakMiB() };
  } finally {
    await worker.stop();
    dir.remove();
  }
}

/** The samples the baseline inserted: car data and positions, the bulk of what a replay stores. */
function samplesOf(insert: WorkerResults['insertSessionTelemetry']): number {
  return insert.rows.car_telemetry + insert.rows.car_positions;
}

export async function run(ctx: BenchContext): Promise<BenchFigure[]> {
  const { direct, median, runCount } = await measurePipelineVsDirect(ctx, {
    name: BENCHMARK,
    dataset: 'mexico-qualifying',
    direct: {
      what: 'decoding the telemetry, then inserting it straight into chDB',
      measure: directTelemetryInsert,
      summary: (insert) =>
        `${samplesOf(insert)} samples decoded in ${(insert.decodeMs / 1000).toFixed(1)} s, inserted in ${(insert.ms / 1000).toFixed(2)} s`,
    },
    pipeline: {
      label: 'replay',
      what: `${SESSION} at full speed`,
      measure: replayThrough,
      summary: (replay) =>
        `${(replay.ms / 1000).toFixed(1)} s (replay finished sending ${replay.messagesSent} messages after ${(replay.replayMs / 1000).toFixed(1)} s)`,
    },
  });
  const samples = samplesOf(direct);
  // The shared pipeline holds what the first run stored (and, in a full run, the CSV set's history,
  // which the filters leave out).
  const floor = await measureTransportFloor((await sharedPipeline(ctx)).nats.connection, ctx.logDir, {
    log: ctx.log,
    streams: [
      { stream: STREAMS.RAW.name, filter: rawSubjects.livetimingSession(SESSION_KEY) },
      { stream: STREAMS.EVENTS.name, filter: eventSubjects.ofAggregate('session') },
      { stream: STREAMS.TELEMETRY.name, filter: telemetrySubjects.session(SESSION_KEY) },
    ],
    consumers: [
      DURABLE_CONSUMERS.normalizationLivetiming,
      DURABLE_CONSUMERS.projectionEvents,
      DURABLE_CONSUMERS.projectionTelemetry,
    ],
  });

  const seconds = median.ms / 1000;
  const directSeconds = direct.ms / 1000;
  const baselineName = 'decoded rows → chDB insert';
  return [
    {
      benchmark: BENCHMARK,
      name: 'whole session → read models',
      value: seconds,
      unit: 's',
      baseline: { name: baselineName, value: directSeconds },
      note:
        `${SESSION}: ${median.messagesSent.toLocaleString('en-US')} raw messages, ${samples.toLocaleString('en-US')} telemetry ` +
        `samples (${direct.rows.car_telemetry.toLocaleString('en-US')} car data, ${direct.rows.car_positions.toLocaleString('en-US')} positions); ` +
        `pipeline = all-in-one, timed from the replay request until normalization-livetiming, projection-events and ` +
        `projection-telemetry are idle (the replay itself finished after ${(median.replayMs / 1000).toFixed(1)} s); ` +
        `the baseline inserts car_telemetry and car_positions only (the session tables hold a few thousand rows), ` +
        `decoding (${(direct.decodeMs / 1000).toFixed(1)} s) not timed` +
        (runCount > 1 ? `; median of ${runCount} runs` : ''),
    },
    {
      benchmark: BENCHMARK,
      name: 'telemetry samples per second',
      value: samples / seconds,
      unit: 'samples/s',
      baseline: { name: baselineName, value: samples / directSeconds },
    },
    {
      benchmark: BENCHMARK,
      name: 'peak RSS (all-in-one vs chDB insert process)',
      value: median.peaks['all-in-one'] ?? Number.NaN,
      unit: 'MiB',
      baseline: { name: 'chDB insert process', value: direct.peakMiB },
      note: `nats-server peaked at ${Math.round(median.peaks['nats-server'] ?? 0)} MiB during the replay; the baseline process holds every decoded row in memory`,
    },
    ...transportFloorFigures(BENCHMARK, floor, {
      pipeline: 'whole session → read models',
      pipelineSeconds: seconds,
      direct: baselineName,
      directSeconds,
      consumers: 'normalization-livetiming, projection-events and projection-telemetry',
    }),
  ];
}
