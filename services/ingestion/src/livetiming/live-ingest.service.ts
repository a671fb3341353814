import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Gauge } from 'prom-client';

import { type LiveTopicAccessNotice } from '@slipstream/contracts';
import {
  sessionDescriptorOf,
  toLivetimingRawMessage,
  toLiveTopicAccessRawMessage,
  type TopicMessage,
} from '@slipstream/livetiming';
import { type AccessToken, loadAccessToken } from '@slipstream/livetiming-access';
import { ALL_TOPICS, subscribedTopics, unavailableTopics } from '@slipstream/livetiming-access';
import { describeProxy, proxyFor } from '@slipstream/livetiming-access';
import { type JetStreamPublisher, JetStreamPublisherFactory } from '@slipstream/messaging';
import { APP_CONFIG, HealthService, MetricsService } from '@slipstream/platform';

import { type IngestionConfig } from '../config/config.schema';
import { LiveFeedClient, type LiveFeedEvent } from './live-feed-client';
import { LiveMessageStamper } from './live-message';
import { describeAccess, tokenState } from './token-watch';

/** A warning this long before the token expires: F1 TV tokens last days. */
const WARN_AHEAD_S = 86_400;

/**
 * Follows F1's live-timing hub into RAW, writing what a replay of a capture writes. Messages before
 * the session is known (SessionInfo arrives in the subscribe snapshot) are held.
 */
@Injectable()
export class LiveIngestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveIngest');
  private readonly publisher: JetStreamPublisher;
  private client?: LiveFeedClient;
  private readonly stamper = new LiveMessageStamper();
  private sessionKey?: number;
  private pending: TopicMessage[] = [];
  /** The session the topic access notice was last written for: once per session, not per reconnect. */
  private noticedSessionKey?: number;
  private accessNotice: LiveTopicAccessNotice = { unavailableTopics: [] };
  private token?: AccessToken;
  private expiryTimer?: NodeJS.Timeout;
  private warnedExpiry = false;
  private readonly received;
  private readonly topicAvailable: Gauge;
  private readonly tokenExpiry: Gauge;

  constructor(
    publishers: JetStreamPublisherFactory,
    @Inject(APP_CONFIG) private readonly config: IngestionConfig,
    metrics: MetricsService,
    private readonly health: HealthService,
  ) {
    this.publisher = publishers.create();
    this.received = metrics.counter('slipstream_livetiming_received_total', 'Live-timing messages received', [
      'topic',
    ]);
    this.topicAvailable = metrics.gauge(
      'slipstream_livetiming_topic_available',
      'Whether a live-timing topic is subscribed (0: F1 sends it only with an F1 TV token)',
      ['topic'],
    );
    this.tokenExpiry = metrics.gauge(
      'slipstream_livetiming_token_expiry_seconds',
      'Seconds until the F1 TV token expires (negative once expired; absent without a token)',
      [],
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.LIVETIMING_ENABLED) return;
    this.token = await loadAccessToken(this.config);
    const withToken = this.token !== undefined;
    const unavailable = unavailableTopics(withToken);
    for (const topic of ALL_TOPICS) this.topicAvailable.set({ topic }, unavailable.includes(topic) ? 0 : 1);
    // Written to each session's RAW for the live feed; an empty list (a token) clears an earlier run's.
    this.accessNotice = { unavailableTopics: unavailable.map((topic) => ({ topic, reason: 'no_token' })) };
    if (!withToken) {
      // Said once, at start: reconnects do not repeat it.
      this.logger.warn({
        msg: `no F1 TV token (LIVETIMING_ACCESS_TOKEN / LIVETIMING_ACCESS_TOKEN_FILE): following the feed anonymously; F1 sends ${unavailable.join(', ')} only to signed-in F1 TV subscribers, so car telemetry, positions on track, the championship prediction and pit-stop times are unavailable (docs/live-timing.md)`,
        unavailable,
      });
    }
    this.watchExpiry();
    this.health.register('livetiming', async () => ({
      ok: true,
      detail: describeAccess(tokenState(this.token, WARN_AHEAD_S), unavailable),
    }));
    this.logger.log({
      msg: 'following the live-timing hub',
      url: this.config.LIVETIMING_URL,
      proxy: describeProxy(proxyFor(this.config.LIVETIMING_URL)),
      topics: subscribedTopics(withToken).length,
    });
    this.client = new LiveFeedClient({
      url: this.config.LIVETIMING_URL,
      topics: subscribedTopics(withToken),
      token: this.token,
      onEvent: (event) => this.take(event),
      onError: (error, event) =>
        this.logger.error({ msg: 'live message not stored', kind: event.kind, err: String(error) }),
      onStatus: (status) =>
        status.error
          ? this.logger.warn({ msg: `live feed ${status.state}: ${status.error}`, attempt: status.attempt })
          : this.logger.log({ msg: `live feed ${status.state}`, attempt: status.attempt }),
      onLibraryLog: (message) => this.logger.debug({ msg: `signalr: ${message}` }),
    });
    this.client.start();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.expiryTimer);
    await this.client?.stop();
    await this.publisher.flush();
  }

  private async take(event: LiveFeedEvent): Promise<void> {
    if (event.kind === 'snapshot') return this.stamper.snapshot(event.state, event.receivedAt);
    const messages =
      event.kind === 'feed' ? this.stamper.feed(event.call, event.receivedAt) : this.stamper.flush();
    for (const message of messages) await this.ingest(message);
  }

  /** The metric now and every minute; one warning log line once the token is near its expiry. */
  private watchExpiry(): void {
    const check = () => {
      const state = tokenState(this.token, WARN_AHEAD_S);
      if ('secondsLeft' in state) this.tokenExpiry.set(state.secondsLeft);
      if ((state.kind === 'expiring' || state.kind === 'expired') && !this.warnedExpiry) {
        this.warnedExpiry = true;
        this.logger.warn({
          msg: `the F1 TV token ${state.kind === 'expired' ? 'expired' : 'expires'} at ${state.expiresAt.toISOString()}: sign in to F1 TV again and copy a fresh token (docs/live-timing.md)`,
          secondsLeft: state.secondsLeft,
        });
      }
    };
    check();
    this.expiryTimer = setInterval(check, 60_000).unref();
  }

  private async ingest(message: TopicMessage): Promise<void> {
    this.received.inc({ topic: message.topic });
    if (message.topic === 'SessionInfo') this.sessionKey = sessionDescriptorOf(message.payload).sessionKey;
    if (this.sessionKey === undefined) {
      this.pending.push(message);
      return;
    }
    const ready = [...this.pending, message];
    this.pending = [];
    if (this.noticedSessionKey !== this.sessionKey) {
      const at = ready[0]!.timestamp ?? new Date().toISOString();
      const notice = toLiveTopicAccessRawMessage(this.sessionKey, this.accessNotice, at);
      await this.publisher.publish({ subject: notice.subject, msgId: notice.msgId, payload: notice.record });
      this.noticedSessionKey = this.sessionKey;
    }
    for (const next of ready) {
      const raw = toLivetimingRawMessage(this.sessionKey, next, 'live');
      await this.publisher.publish({ subject: raw.subject, msgId: raw.msgId, payload: raw.record });
    }
  }
}
