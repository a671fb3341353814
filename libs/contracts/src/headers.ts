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
} as const;
