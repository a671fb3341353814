/** What bench/infra/clickhouse-worker.ts asks the ClickHouse worker process to do, one op at a time. */

export interface TimedStatement {
  sql: string;
  params: Record<string, unknown>;
}

/** One question: the statements its HTTP route runs, in order. */
export interface DirectQuestion {
  name: string;
  statements: TimedStatement[];
}

export type WorkerRequest =
  | { op: 'open'; chdbPath: string; database: string }
  | { op: 'migrate' }
  | { op: 'loadCsv'; directory: string }
  | { op: 'insertSessionTelemetry'; sessionDir: string; sessionKey: number }
  | { op: 'timeQueries'; queries: DirectQuestion[]; warmup: number; iterations: number }
  | { op: 'query'; sql: string; params?: Record<string, unknown> }
  | { op: 'insert'; table: string; rows: Array<Record<string, unknown>> }
  | { op: 'close' };

export interface WorkerResults {
  open: Record<string, never>;
  migrate: { applied: number };
  loadCsv: { tables: Record<string, { rows: number; ms: number }>; ms: number };
  insertSessionTelemetry: {
    ms: number;
    decodeMs: number;
    rows: { car_telemetry: number; car_positions: number };
  };
  /** Latencies (ms) and the rows the statements returned, by question name. */
  timeQueries: { latencies: Record<string, number[]>; rows: Record<string, number> };
  query: { rows: Array<Record<string, unknown>> };
  insert: Record<string, never>;
  close: Record<string, never>;
}

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };
