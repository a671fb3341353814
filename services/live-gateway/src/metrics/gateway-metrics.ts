import { Injectable } from '@nestjs/common';
import { type Counter, type Gauge, type Histogram } from 'prom-client';

import { MetricsService } from '@slipstream/platform';

/** The gateway's Prometheus metrics, on the process registry served at `/metrics`. */
@Injectable()
export class GatewayMetrics {
  readonly connectedClients: Gauge;
  readonly subscriptions: Gauge;
  /** From the stream storing a message to the gateway handing its frame to the sockets. */
  readonly emitLatency: Histogram;
  readonly framesSent: Counter;
  readonly framesDropped: Counter;
  readonly rejected: Counter;
  readonly skippedMessages: Counter;
  readonly resumes: Counter;

  constructor(metrics: MetricsService) {
    this.connectedClients = metrics.gauge(
      'slipstream_gateway_connected_clients',
      'Socket.io clients connected',
      ['parser'],
    );
    this.subscriptions = metrics.gauge(
      'slipstream_gateway_subscriptions',
      'Active session subscriptions',
      [],
    );
    this.emitLatency = metrics.histogram(
      'slipstream_gateway_emit_latency_seconds',
      'Time from JetStream storing a message to its frame being emitted',
      ['stream'],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    this.framesSent = metrics.counter(
      'slipstream_gateway_frames_sent_total',
      'Delta frames emitted to rooms',
      ['topic'],
    );
    this.framesDropped = metrics.counter(
      'slipstream_gateway_frames_dropped_total',
      'Droppable frames (positions, telemetry) skipped for slow clients',
      ['topic'],
    );
    this.rejected = metrics.counter(
      'slipstream_gateway_rejected_total',
      'Connections and client messages refused',
      ['reason'],
    );
    this.skippedMessages = metrics.counter(
      'slipstream_gateway_skipped_messages_total',
      'Stream messages the gateway could not route (unknown type, malformed)',
      ['stream'],
    );
    this.resumes = metrics.counter('slipstream_gateway_resumes_total', 'Resume requests by outcome', [
      'outcome',
    ]);
  }
}
