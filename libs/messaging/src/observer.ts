/** Hooks the metrics module attaches to; messaging itself does not depend on a metrics library. */
export interface MessagingObserver {
  received(consumer: string, count: number, pending: number): void;
  acked(consumer: string, count: number): void;
  nakked(consumer: string, count: number): void;
  deadLettered(consumer: string, reason: string): void;
  published(subject: string, duplicate: boolean): void;
  /** How long a handler took (for projection: rows built and inserted until ClickHouse answered). */
  handled(consumer: string, seconds: number, outcome: 'ok' | 'error'): void;
}

export const noopObserver: MessagingObserver = {
  received: () => undefined,
  acked: () => undefined,
  nakked: () => undefined,
  deadLettered: () => undefined,
  published: () => undefined,
  handled: () => undefined,
};
