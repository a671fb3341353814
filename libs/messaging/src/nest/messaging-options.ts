import { type NatsConnectionOptions } from '../connection';
import { type PublisherOptions } from '../publisher';

export interface ConsumerDefaults {
  batchSize: number;
  maxDeliver: number;
  ackWaitMs: number;
  fetchExpiresMs: number;
  inProcessRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export interface MessagingOptions {
  connection: NatsConnectionOptions;
  /** Create or update streams and durable consumers at start (off where a provisioning Job does it). */
  provision: boolean;
  consumers: ConsumerDefaults;
  publisher: PublisherOptions;
}

export const DEFAULT_CONSUMER_DEFAULTS: ConsumerDefaults = {
  batchSize: 500,
  maxDeliver: 5,
  ackWaitMs: 30_000,
  fetchExpiresMs: 1_000,
  inProcessRetries: 3,
  retryBaseMs: 200,
  retryMaxMs: 10_000,
};
