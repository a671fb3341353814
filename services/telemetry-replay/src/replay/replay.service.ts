import { resolve } from 'node:path';

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type JetStreamClient } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';

import {
  encodeJson,
  JETSTREAM_CLIENT,
  JetStreamPublisher,
  JetStreamPublisherFactory,
  NATS_CONNECTION,
} from '@slipstream/messaging';
import {
  ReplayRegistry,
  SessionReplay,
  toLivetimingRawMessage,
  type ReplayStatus,
} from '@slipstream/livetiming';
import { APP_CONFIG, MetricsService } from '@slipstream/platform';

import { type TelemetryReplayConfig } from '../config/config.schema';
import { openRecording, type Recording } from './recording';
import { oversizedMessageLetter, unreadableLineLetter } from './replay-dead-letters';
import { type StartReplayRequest } from './replay-request.schemas';

export interface ReplayView extends Omit<ReplayStatus, 'speed'> {
  id: string;
  speed: number | 'max';
  sessionKey: number;
  meetingKey: number;
  session: string;
  recording: string;
  /** Milliseconds between the start of the recording and the session's scheduled start. */
  sessionStartOffsetMs: number | null;
}

/** nats-server's default max_payload, for a connection that has not received the server's INFO yet. */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

/** Replays recorded sessions onto the RAW subjects the live feed uses; several at once. */
@Injectable()
export class ReplayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Replay');
  private readonly registry = new ReplayRegistry();
  private readonly recordings = new Map<string, Recording>();
  private readonly publisher: JetStreamPublisher;
  private readonly positionGauge;

  constructor(
    @Inject(JETSTREAM_CLIENT) js: JetStreamClient,
    publishers: JetStreamPublisherFactory,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(APP_CONFIG) private readonly config: TelemetryReplayConfig,
    metrics: MetricsService,
  ) {
    this.publisher = publishers.create({ maxInFlight: 1_024 });
    this.positionGauge = metrics.gauge(
      'slipstream_replay_position_ms',
      'Replay position on the recording time scale',
      ['replay'],
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.REPLAY_AUTOSTART) return;
    const view = await this.start({ session: this.config.REPLAY_AUTOSTART, speed: this.config.REPLAY_SPEED });
    this.logger.log({ msg: 'replay autostarted', id: view.id, session: view.session, speed: view.speed });
  }

  onApplicationShutdown(): void {
    this.registry.stopAll();
  }

  async start(request: StartReplayRequest): Promise<ReplayView> {
    const { session, speed, id } = request;
    // Broken lines are reported while the recording plays, once its session key is known.
    const known: { sessionKey?: number } = {};
    const recording = await openRecording(resolve(this.config.REPLAY_DIR, session), (error, text) => {
      this.logger.warn({ msg: 'dead-lettered a broken line', ...error });
      this.publisher
        .publish(unreadableLineLetter(error, text, known.sessionKey))
        .catch((failure: unknown) =>
          this.logger.error({ msg: 'dead letter not stored', err: String(failure) }),
        );
    });
    const replayId = id ?? String(recording.descriptor.sessionKey);
    known.sessionKey = recording.descriptor.sessionKey;
    const maxPayload = this.nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD;
    const replay = new SessionReplay({
      open: () => recording.open(),
      speed,
      deliver: async (message) => {
        const raw = toLivetimingRawMessage(recording.descriptor.sessionKey, message, recording.origin);
        const bytes = encodeJson(raw.record);
        if (bytes.length > maxPayload) {
          this.logger.warn({
            msg: 'dead-lettered an oversized message',
            subject: raw.subject,
            bytes: bytes.length,
          });
          await this.publisher.publish(oversizedMessageLetter(raw, bytes, maxPayload));
          return;
        }
        await this.publisher.publish({ subject: raw.subject, msgId: raw.msgId, payload: bytes });
      },
    });
    this.registry.add(replayId, replay);
    this.recordings.set(replayId, recording);
    replay
      .start()
      .then(() => this.publisher.flush())
      .then(() => this.logger.log({ msg: 'replay finished', id: replayId, ...replay.status() }))
      .catch((error: unknown) =>
        this.logger.error({ msg: 'replay failed', id: replayId, err: String(error) }),
      );
    return this.view(replayId);
  }

  list(): ReplayView[] {
    return this.registry.list().map(({ id }) => this.view(id));
  }

  view(id: string): ReplayView {
    const status = this.registry.get(id).status();
    const recording = this.recordings.get(id)!;
    this.positionGauge.set({ replay: id }, status.positionMs);
    return {
      ...status,
      id,
      speed: Number.isFinite(status.speed) ? status.speed : 'max',
      sessionKey: recording.descriptor.sessionKey,
      meetingKey: recording.descriptor.meetingKey,
      session: recording.descriptor.name,
      recording: recording.path,
      sessionStartOffsetMs: this.sessionStartOffset(recording),
    };
  }

  pause(id: string): ReplayView {
    this.registry.get(id).pause();
    return this.view(id);
  }

  resume(id: string): ReplayView {
    this.registry.get(id).resume();
    return this.view(id);
  }

  setSpeed(id: string, speed: number): ReplayView {
    this.registry.get(id).setSpeed(speed);
    return this.view(id);
  }

  seek(id: string, target: { offsetMs?: number; sessionTimeMs?: number }): ReplayView {
    const replay = this.registry.get(id);
    const startOffset = this.sessionStartOffset(this.recordings.get(id)!) ?? 0;
    replay.seek(target.offsetMs ?? Math.max(0, startOffset + (target.sessionTimeMs ?? 0)));
    return this.view(id);
  }

  stop(id: string): ReplayView {
    const view = this.view(id);
    this.registry.remove(id);
    this.recordings.delete(id);
    return { ...view, state: 'finished' };
  }

  /** Recording offset of the scheduled session start, when the recording says when its stream began. */
  private sessionStartOffset(recording: Recording): number | null {
    const startUtc = recording.descriptor.startUtc;
    if (!startUtc || recording.streamStartUtcMs === undefined) return null;
    return Date.parse(startUtc) - recording.streamStartUtcMs;
  }
}
