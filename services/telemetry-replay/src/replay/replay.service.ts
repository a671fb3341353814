import { basename, relative, resolve, sep } from 'node:path';

import { type NatsConnection } from '@nats-io/transport-node';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

import { ReplayRegistry, type ReplayStatus, SessionReplay } from '@slipstream/livetiming';
import { JetStreamPublisherFactory, NATS_CONNECTION } from '@slipstream/messaging';
import { APP_CONFIG, MetricsService } from '@slipstream/platform';

import { type TelemetryReplayConfig } from '../config/config.schema';
import { openRecording, type Recording } from './recording';
import { RecordingPublisher, type ReplayBooks } from './recording-publisher';
import { type StartReplayRequest } from './replay-request.schemas';

export interface ReplayView extends Omit<ReplayStatus, 'speed'> {
  id: string;
  speed: number | 'max';
  sessionKey: number;
  meetingKey: number;
  session: string;
  /** The recording's name under REPLAY_DIR; never the server's path to it. */
  recording: string;
  /** What became of the lines read so far: stored in RAW, deduplicated, dead-lettered. */
  books: ReplayBooks;
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
  private readonly recordings = new Map<string, { recording: Recording; publisher: RecordingPublisher }>();
  /** Why a replay whose messages were all handed over still failed (its last publishes were refused). */
  private readonly failures = new Map<string, string>();
  /** Replays whose last publishes and dead letters are all settled. */
  private readonly settled = new Set<string>();
  private readonly positionGauge;
  private readonly linesTotal;

  constructor(
    private readonly publishers: JetStreamPublisherFactory,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(APP_CONFIG) private readonly config: TelemetryReplayConfig,
    metrics: MetricsService,
  ) {
    this.positionGauge = metrics.gauge(
      'slipstream_replay_position_ms',
      'Replay position on the recording time scale',
      ['replay'],
    );
    this.linesTotal = metrics.counter(
      'slipstream_replay_lines_total',
      'Recording lines of ended replays by outcome: stored, deduplicated, dead_lettered, lost',
      ['outcome'],
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
    // Broken lines are reported while the recording plays, once the publisher for it exists.
    const forward: { publisher?: RecordingPublisher } = {};
    const recording = await openRecording(
      resolve(this.config.REPLAY_DIR, session),
      (error, text) => forward.publisher?.lineError(error, text),
      this.recordingName(resolve(this.config.REPLAY_DIR, session)),
    );
    const replayId = id ?? String(recording.descriptor.sessionKey);
    const publisher = new RecordingPublisher(
      this.publishers.create({ maxInFlight: 1_024 }),
      recording.descriptor.sessionKey,
      recording.origin,
      this.nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD,
      { warn: (entry) => this.logger.warn({ ...entry, replay: replayId }) },
    );
    forward.publisher = publisher;
    const replay = new SessionReplay({
      open: () => recording.open(),
      speed,
      deliver: (message) => publisher.deliver(message),
    });
    this.registry.add(replayId, replay);
    this.recordings.set(replayId, { recording, publisher });
    this.failures.delete(replayId);
    this.settled.delete(replayId);
    void this.settle(replayId, replay, publisher);
    return this.view(replayId);
  }

  /** Waits for the replay's end and its last publishes; logs and counts what became of its lines. */
  private async settle(id: string, replay: SessionReplay, publisher: RecordingPublisher): Promise<void> {
    let failure: unknown = undefined;
    await replay.start().catch((error: unknown) => (failure = error));
    const books = await publisher.finish().catch((error: unknown) => {
      failure ??= error;
      this.failures.set(id, error instanceof Error ? error.message : String(error));
      return publisher.snapshot();
    });
    for (const [outcome, lines] of Object.entries(books))
      if (outcome !== 'read') this.linesTotal.inc({ outcome }, lines);
    this.settled.add(id);
    if (failure === undefined) this.logger.log({ msg: 'replay finished', id, ...replay.status(), books });
    else this.logger.error({ msg: 'replay failed', id, err: String(failure), books });
  }

  list(): ReplayView[] {
    return this.registry.list().map(({ id }) => this.view(id));
  }

  view(id: string): ReplayView {
    const status = this.registry.get(id).status();
    const { recording, publisher } = this.recordings.get(id)!;
    const failure = this.failures.get(id);
    this.positionGauge.set({ replay: id }, status.positionMs);
    // A replay has not finished while its last publishes and dead letters are on their way.
    const ended = status.state === 'finished' || status.state === 'failed';
    const state =
      failure !== undefined ? 'failed' : ended && !this.settled.has(id) ? 'playing' : status.state;
    return {
      ...status,
      state,
      ...(failure !== undefined && { error: failure }),
      id,
      speed: Number.isFinite(status.speed) ? status.speed : 'max',
      sessionKey: recording.descriptor.sessionKey,
      meetingKey: recording.descriptor.meetingKey,
      session: recording.descriptor.name,
      recording: recording.name,
      books: publisher.snapshot(),
      sessionStartOffsetMs: this.sessionStartOffset(recording),
    };
  }

  /** A recording's name for views and errors: its path under REPLAY_DIR, or its own name. */
  private recordingName(path: string): string {
    const inside = relative(resolve(this.config.REPLAY_DIR), path);
    return inside && !inside.startsWith('..') && !inside.startsWith(sep) ? inside : basename(path);
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

  /** Refuses a target past the recording's last message: seeking there would send it all at once. */
  async seek(id: string, target: { offsetMs?: number; sessionTimeMs?: number }): Promise<ReplayView> {
    const replay = this.registry.get(id);
    const { recording } = this.recordings.get(id)!;
    const startOffset = this.sessionStartOffset(recording) ?? 0;
    const offsetMs = target.offsetMs ?? Math.max(0, startOffset + (target.sessionTimeMs ?? 0));
    const endMs = await recording.endOffsetMs();
    if (!(offsetMs <= endMs))
      throw new RangeError(`seek target ${offsetMs} ms is past the end of the recording (${endMs} ms)`);
    replay.seek(offsetMs);
    return this.view(id);
  }

  stop(id: string): ReplayView {
    const view = this.view(id);
    this.registry.remove(id);
    this.recordings.delete(id);
    this.failures.delete(id);
    this.settled.delete(id);
    return { ...view, state: view.state === 'failed' ? 'failed' : 'finished' };
  }

  /** Recording offset of the scheduled session start, when the recording says when its stream began. */
  private sessionStartOffset(recording: Recording): number | null {
    const startUtc = recording.descriptor.startUtc;
    if (!startUtc || recording.streamStartUtcMs === undefined) return null;
    return Date.parse(startUtc) - recording.streamStartUtcMs;
  }
}
