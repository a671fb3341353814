import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import { type MessagingObserver } from '@slipstream/messaging';

/** One registry per process; feature modules add their own metrics to it. */
@Injectable()
export class MetricsService implements MessagingObserver {
  readonly registry = new Registry();
  private readonly receivedTotal = this.counter('slipstream_messages_received_total', 'Messages fetched', [
    'consumer',
  ]);
  private readonly ackedTotal = this.counter('slipstream_messages_acked_total', 'Messages acked', [
    'consumer',
  ]);
  private readonly nakTotal = this.counter('slipstream_messages_nak_total', "Messages nak'd for redelivery", [
    'consumer',
  ]);
  private readonly deadLetteredTotal = this.counter(
    'slipstream_messages_dead_lettered_total',
    'Messages sent to the DLQ',
    ['consumer', 'reason'],
  );
  private readonly publishedTotal = this.counter(
    'slipstream_messages_published_total',
    'Messages published',
    ['stream_prefix', 'duplicate'],
  );
  private readonly lag = new Gauge({
    name: 'slipstream_consumer_lag',
    help: 'Messages waiting for the consumer after the last fetched batch',
    labelNames: ['consumer'],
    registers: [this.registry],
  });
  private readonly batchSize = new Histogram({
    name: 'slipstream_consumer_batch_size',
    help: 'Messages per fetched batch',
    labelNames: ['consumer'],
    buckets: [1, 10, 50, 100, 250, 500, 1000, 5000],
    registers: [this.registry],
  });

  private readonly handleSeconds = new Histogram({
    name: 'slipstream_consumer_handle_seconds',
    help: 'Time a handler took per batch or message; for projection, until ClickHouse acknowledged the insert',
    labelNames: ['consumer', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter(name: string, help: string, labelNames: string[]): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  gauge(name: string, help: string, labelNames: string[]): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  received(consumer: string, count: number, pending: number): void {
    this.receivedTotal.inc({ consumer }, count);
    this.batchSize.observe({ consumer }, count);
    this.lag.set({ consumer }, pending);
  }

  acked(consumer: string, count: number): void {
    this.ackedTotal.inc({ consumer }, count);
  }

  nakked(consumer: string, count: number): void {
    this.nakTotal.inc({ consumer }, count);
  }

  deadLettered(consumer: string, reason: string): void {
    this.deadLetteredTotal.inc({ consumer, reason });
  }

  handled(consumer: string, seconds: number, outcome: 'ok' | 'error'): void {
    this.handleSeconds.observe({ consumer, outcome }, seconds);
  }

  published(subject: string, duplicate: boolean): void {
    this.publishedTotal.inc({ stream_prefix: subject.split('.')[0], duplicate: String(duplicate) });
  }
}
