import { type StreamName } from './streams';
import { type DlqStage, eventSubjects, rawSubjects, telemetrySubjects } from './subjects';

export interface DurableConsumerDefinition {
  stream: StreamName;
  /** The consumer's name on the server; its position is the stage's checkpoint. */
  durable: string;
  filterSubject: string;
  stage: DlqStage;
  batchSize: number;
  /** Un-acked messages allowed; one batch where order matters. */
  maxAckPending: number;
  /** `stream`: handle messages as they arrive (live latency); default `fetch`: fill batches. */
  delivery?: 'fetch' | 'stream';
}

/**
 * Every durable consumer, in one place, so services and the provisioning job create them alike.
 * The live gateway is absent on purpose: each gateway instance reads with its own ordered consumer.
 */
export const DURABLE_CONSUMERS = {
  normalizationTest: {
    stream: 'RAW',
    durable: 'normalization-test',
    filterSubject: rawSubjects.ofSource('test'),
    stage: 'normalization',
    batchSize: 500,
    maxAckPending: 2_000,
  },
  normalizationLivetiming: {
    stream: 'RAW',
    durable: 'normalization-livetiming',
    filterSubject: rawSubjects.ofSource('livetiming'),
    stage: 'normalization',
    batchSize: 1_000,
    // Session state needs stream order: never more than one batch in flight.
    maxAckPending: 1_000,
    // Live timing is watched as it happens: no waiting for a batch to fill.
    delivery: 'stream',
  },
  normalizationErgast: {
    stream: 'RAW',
    durable: 'normalization-ergast',
    filterSubject: rawSubjects.ofSource('ergast'),
    stage: 'normalization',
    batchSize: 2_000,
    maxAckPending: 2_000,
  },
  normalizationJolpica: {
    stream: 'RAW',
    durable: 'normalization-jolpica',
    filterSubject: rawSubjects.ofSource('jolpica'),
    stage: 'normalization',
    batchSize: 500,
    maxAckPending: 500,
  },
  /** Computes championship standings from race and sprint results (a reactor on EVENTS). */
  normalizationStandings: {
    stream: 'EVENTS',
    durable: 'normalization-standings',
    filterSubject: 'f1.race.>',
    stage: 'normalization',
    batchSize: 5_000,
    maxAckPending: 5_000,
  },
  projectionEvents: {
    stream: 'EVENTS',
    durable: 'projection-events',
    filterSubject: eventSubjects.all,
    stage: 'projection',
    batchSize: 5_000,
    maxAckPending: 20_000,
  },
  projectionTelemetry: {
    stream: 'TELEMETRY',
    durable: 'projection-telemetry',
    filterSubject: telemetrySubjects.all,
    stage: 'projection',
    // A message is one feed frame of every car (about 80 samples of car data, 70 positions): a
    // batch of 1,000 is an insert of about 75,000 rows. At 10,000 frames a batch held a whole
    // session's samples at once and the projection's memory passed 1 GiB (500: 700 MiB and the
    // same time within the noise; 1,000: 800 MiB, 5 % faster).
    batchSize: 1_000,
    maxAckPending: 4_000,
  },
} as const satisfies Record<string, DurableConsumerDefinition>;

export const ALL_DURABLE_CONSUMERS: DurableConsumerDefinition[] = Object.values(DURABLE_CONSUMERS);
