/**
 * The only place that spells subject strings. Tokens are sanitised so that a value can never
 * introduce a wildcard or an extra level (`.`, `*`, `>`, whitespace).
 */
export function subjectToken(value: string | number): string {
  const token = String(value).trim();
  if (token.length === 0) throw new Error('A subject token must not be empty');
  return token.replace(/[.*>\s]/g, '_');
}

export type RawSource = 'jolpica' | 'ergast' | 'livetiming' | 'test';

export const rawSubjects = {
  all: 'raw.>',
  /** Every RAW subject of one source, e.g. `raw.ergast.>`. */
  ofSource: (source: RawSource) => `raw.${source}.>`,
  jolpica: (resource: string) => `raw.jolpica.${subjectToken(resource)}`,
  ergast: (table: string) => `raw.ergast.${subjectToken(table)}`,
  /** Live-timing topics such as `CarData.z` become `CarData_z`; the original name travels in the payload. */
  livetiming: (sessionKey: string | number, topic: string) =>
    `raw.livetiming.${subjectToken(sessionKey)}.${subjectToken(topic)}`,
  livetimingSession: (sessionKey: string | number) => `raw.livetiming.${subjectToken(sessionKey)}.>`,
  test: (name: string) => `raw.test.${subjectToken(name)}`,
};

/** `f1.<aggregate>.<event>.<key…>`, e.g. `f1.session.lap_completed.9873.44`. */
export function eventSubject(aggregate: string, event: string, ...keys: Array<string | number>): string {
  return ['f1', aggregate, event, ...keys].map(subjectToken).join('.');
}

export interface ParsedEventSubject {
  aggregate: string;
  event: string;
  keys: string[];
}

export function parseEventSubject(subject: string): ParsedEventSubject {
  const [prefix, aggregate, event, ...keys] = subject.split('.');
  if (prefix !== 'f1' || !aggregate || !event) throw new Error(`Not an EVENTS subject: ${subject}`);
  return { aggregate, event, keys };
}

/**
 * TELEMETRY carries two kinds: car data (the feed's `CarData.z`: speed, rpm, gear, throttle, brake,
 * DRS) and positions (`Position.z`: x, y, z on track). "Telemetry" is the two together.
 */
export type TelemetryKind = 'car_data' | 'position';

export const telemetrySubjects = {
  all: 'tel.>',
  /** One message per feed frame, every car in it: `tel.<session>.car_data` or `tel.<session>.position`. */
  frame: (sessionKey: string | number, kind: TelemetryKind) => `tel.${subjectToken(sessionKey)}.${kind}`,
  session: (sessionKey: string | number) => `tel.${subjectToken(sessionKey)}.>`,
};

/** The per-driver subjects of logs written before frames (`tel.<session>.<driver>.car|pos`). */
const LEGACY_KINDS = new Map<string, TelemetryKind>([
  ['car', 'car_data'],
  ['pos', 'position'],
]);

export function parseTelemetrySubject(subject: string): { sessionKey: string; kind: TelemetryKind } {
  const parts = subject.split('.');
  if (
    parts[0] === 'tel' &&
    parts[1] &&
    parts.length === 3 &&
    (parts[2] === 'car_data' || parts[2] === 'position')
  ) {
    return { sessionKey: parts[1], kind: parts[2] };
  }
  const legacy =
    parts.length === 4 && parts[0] === 'tel' && parts[1] && parts[2] ? LEGACY_KINDS.get(parts[3]) : undefined;
  if (legacy) return { sessionKey: parts[1], kind: legacy };
  throw new Error(`Not a TELEMETRY subject: ${subject}`);
}

export type DlqStage = 'normalization' | 'projection' | 'ingestion' | 'gateway';

export const dlqSubjects = {
  all: 'dlq.>',
  of: (stage: DlqStage, reason: string) => `dlq.${stage}.${subjectToken(reason)}`,
  /** Every dead letter of one stage, e.g. `dlq.projection.>`. */
  ofStage: (stage: DlqStage) => `dlq.${stage}.>`,
  /** The dead letters of a stage and a reason; either left out matches any. */
  matching: (stage?: string, reason?: string) =>
    `dlq.${stage === undefined ? '*' : subjectToken(stage)}.${reason === undefined ? '*' : subjectToken(reason)}`,
};

export const eventSubjects = {
  all: 'f1.>',
  ofAggregate: (aggregate: string) => `f1.${subjectToken(aggregate)}.>`,
  /** Every event of one kind, e.g. `f1.race.race_result_recorded.>`. */
  ofEvent: (aggregate: string, event: string) => `${eventSubject(aggregate, event)}.>`,
  /** Every session's `SessionInfoRecorded`: `f1.session.info_recorded.>`. */
  sessionInfo: `${eventSubject('session', 'info_recorded')}.>`,
};

/** Core NATS request-reply subjects (not stored in a stream) for operating the services. */
export const controlSubjects = {
  replay: 'slipstream.control.replay',
};

/**
 * Whether a subject falls under a pattern, as NATS matches them: `*` is one token, `>` one or more
 * trailing tokens.
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  const patternTokens = pattern.split('.');
  const subjectTokens = subject.split('.');
  for (let i = 0; i < patternTokens.length; i++) {
    if (patternTokens[i] === '>') return subjectTokens.length > i;
    if (i >= subjectTokens.length || (patternTokens[i] !== '*' && patternTokens[i] !== subjectTokens[i]))
      return false;
  }
  return patternTokens.length === subjectTokens.length;
}
