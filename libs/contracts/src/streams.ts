/**
 * The event store's streams. Retention and limits are defaults; deployments override them through
 * configuration, never by renaming a stream or its subjects.
 */
export type StreamName = 'RAW' | 'EVENTS' | 'TELEMETRY' | 'DLQ';

export interface StreamDefinition {
  name: StreamName;
  subjects: string[];
  description: string;
  /** 0 keeps messages forever. */
  maxAgeMs: number;
  /** Window in which the server drops a second message with the same `Nats-Msg-Id`. */
  duplicateWindowMs: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export const STREAMS: Record<StreamName, StreamDefinition> = {
  RAW: {
    name: 'RAW',
    subjects: ['raw.>'],
    description: 'Payloads exactly as received, with source metadata; the source of truth.',
    maxAgeMs: 0,
    duplicateWindowMs: 2 * HOUR,
  },
  EVENTS: {
    name: 'EVENTS',
    subjects: ['f1.>'],
    description: 'Validated, versioned domain events.',
    maxAgeMs: 0,
    duplicateWindowMs: 2 * HOUR,
  },
  TELEMETRY: {
    name: 'TELEMETRY',
    subjects: ['tel.>'],
    description: 'High-rate car data and position samples, one message per feed frame with every car in it.',
    maxAgeMs: 30 * DAY,
    duplicateWindowMs: 10 * 60 * 1000,
  },
  DLQ: {
    name: 'DLQ',
    subjects: ['dlq.>'],
    description: 'What failed validation or projection, with the error and the original.',
    maxAgeMs: 365 * DAY,
    duplicateWindowMs: 2 * HOUR,
  },
};

export const ALL_STREAMS: StreamDefinition[] = Object.values(STREAMS);
