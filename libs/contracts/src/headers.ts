/** Header names carried on every message; `Nats-Msg-Id` is the server's deduplication key. */
export const HEADERS = {
  msgId: 'Nats-Msg-Id',
  source: 'Slipstream-Source',
  correlationId: 'Slipstream-Correlation-Id',
  causationId: 'Slipstream-Causation-Id',
  eventType: 'Slipstream-Event-Type',
  schemaVersion: 'Slipstream-Schema-Version',
  dlqError: 'Slipstream-Dlq-Error',
  dlqReason: 'Slipstream-Dlq-Reason',
  dlqStream: 'Slipstream-Dlq-Stream',
  dlqSubject: 'Slipstream-Dlq-Subject',
  dlqSequence: 'Slipstream-Dlq-Sequence',
  dlqDeliveries: 'Slipstream-Dlq-Deliveries',
  /** On a dead letter's original that came from a file (a CSV or recording line) rather than a stream. */
  sourceFile: 'file',
  sourceLine: 'line',
  /** On a dead letter whose original was cut to its first bytes: its full size and digest. */
  payloadBytes: 'Slipstream-Payload-Bytes',
  payloadSha256: 'Slipstream-Payload-Sha256',
  payloadTruncated: 'Slipstream-Payload-Truncated',
} as const;
