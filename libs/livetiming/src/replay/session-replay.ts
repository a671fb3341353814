import { type Clock, monotonicClock } from '@slipstream/contracts';

import { TopicMessage } from '../formats/topic-message';
import { ReplayTimeline } from './replay-timeline';

/** `finished`: the recording was played to its end or stopped; `failed`: delivery threw and the replay stopped there. */
export type ReplayState = 'idle' | 'playing' | 'paused' | 'finished' | 'failed';

export interface ReplayStatus {
  state: ReplayState;
  /** Session time the replay is at (ms on the recording's offset scale). */
  positionMs: number;
  /** Offset of the last message handed to `deliver`; behind `positionMs` while waiting for the next. */
  lastOffsetMs: number;
  /** Counts re-deliveries too: a backward seek sends the messages before the target again. */
  messagesSent: number;
  speed: number;
  /** Set when `deliver` or `onRestart` threw; the replay then stopped, in state `failed`. */
  error?: string;
}

export interface SessionReplayOptions {
  /** Opens the recording from its beginning; called again when a seek goes backwards. */
  open: () => AsyncIterable<TopicMessage>;
  /** Awaited before the next message is taken, so a slow consumer slows the replay down. */
  deliver: (message: TopicMessage) => Promise<void> | void;
  /** Called before a backward seek replays from the beginning, so consumers can reset state. */
  onRestart?: () => Promise<void> | void;
  clock?: Clock;
  /** 1 = real time, 10 = ten times faster, `Infinity` = as fast as delivery allows. */
  speed?: number;
}

/** Waits shorter than this are not worth a timer; the message is delivered right away. */
const MIN_WAIT_MS = 1;

/**
 * Replays one recorded session on its own time scale: each message is delivered when
 * `(offset - playhead) / speed` has passed; messages already due go out back to back.
 *
 * Seeking never skips messages, because consumers build state by merging every patch in order:
 * forward, everything before the target is delivered at once without pacing; backwards,
 * the recording is reopened (`onRestart` first) and replayed fast up to the target.
 */
export class SessionReplay {
  private state: ReplayState = 'idle';
  private messagesSent = 0;
  /** Offset of the last message handed to `deliver`, set before awaiting it so a seek sees it. */
  private lastOffsetMs = 0;
  private error?: string;
  private readonly clock: Clock;
  private readonly timeline: ReplayTimeline;
  private seekTargetMs?: number;
  private restartPending = false;
  private stopped = false;
  private wake = new AbortController();
  private run: Promise<void> = Promise.resolve();

  constructor(private readonly options: SessionReplayOptions) {
    this.clock = options.clock ?? monotonicClock;
    this.timeline = new ReplayTimeline(this.clock, options.speed ?? 1);
  }

  status(): ReplayStatus {
    const { state, lastOffsetMs, messagesSent, error } = this;
    return {
      state,
      positionMs: this.positionMs(),
      lastOffsetMs,
      messagesSent,
      speed: this.timeline.speed,
      ...(error && { error }),
    };
  }

  /** Starts playing; resolves when the recording is exhausted or stopped, rejects if `deliver` threw. */
  start(): Promise<void> {
    if (this.state === 'idle') this.launch();
    return this.run;
  }

  /** Resolves when the current run ends (a backward seek after the end starts a new run). */
  whenFinished(): Promise<void> {
    return this.run;
  }

  pause(): void {
    if (this.state !== 'playing') return;
    this.timeline.holdAt(this.positionMs());
    this.state = 'paused';
    this.interrupt();
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.timeline.runFrom(this.timeline.positionMs());
    this.state = 'playing';
    this.interrupt();
  }

  setSpeed(speed: number): void {
    this.timeline.setSpeed(speed, this.positionMs());
    this.interrupt();
  }

  /** Moves to `targetMs` (session time); see the class comment for what is delivered. */
  seek(targetMs: number): void {
    if (!Number.isFinite(targetMs) || targetMs < 0)
      throw new RangeError(`seek target must be >= 0, got ${targetMs}`);
    if (this.stopped) return;
    this.seekTargetMs = targetMs;
    if (this.state !== 'playing') this.timeline.holdAt(targetMs);
    if (targetMs < this.lastOffsetMs) {
      this.restartPending = true;
      if (this.state === 'finished') this.launch();
    }
    this.interrupt();
  }

  stop(): void {
    this.stopped = true;
    if (this.state === 'idle') this.state = 'finished';
    this.interrupt();
  }

  private launch(): void {
    this.state = 'playing';
    this.timeline.runFrom(this.timeline.positionMs());
    this.run = this.play();
    // Callers may never await the run; its failure is also kept in status().error.
    this.run.catch(() => undefined);
  }

  private async play(): Promise<void> {
    let failed = false;
    try {
      do {
        if (this.restartPending) {
          this.restartPending = false;
          this.lastOffsetMs = 0;
          await this.options.onRestart?.();
        }
        await this.playOnce();
      } while (this.restartPending && !this.stopped);
    } catch (error) {
      failed = true;
      this.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      this.timeline.holdAt(this.lastOffsetMs);
      this.seekTargetMs = undefined;
      this.state = failed ? 'failed' : 'finished';
    }
  }

  private async playOnce(): Promise<void> {
    const iterator = this.options.open()[Symbol.asyncIterator]();
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const offsetMs = next.value.offsetMs ?? this.lastOffsetMs;
        if (!(await this.waitUntilDue(offsetMs))) return;
        this.lastOffsetMs = offsetMs;
        await this.options.deliver(next.value);
        this.messagesSent += 1;
      }
    } finally {
      await iterator.return?.();
    }
  }

  /** False when the message must not be delivered: the replay stopped or restarts. */
  private async waitUntilDue(offsetMs: number): Promise<boolean> {
    for (;;) {
      if (this.stopped || this.restartPending) return false;
      if (this.seekTargetMs !== undefined) {
        if (offsetMs < this.seekTargetMs) return true;
        this.arriveAtSeekTarget(this.seekTargetMs);
      }
      const signal = this.wake.signal;
      if (this.state === 'paused') {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        continue;
      }
      const waitMs = this.timeline.msUntil(offsetMs);
      if (waitMs < MIN_WAIT_MS) return true;
      await this.clock.sleep(waitMs, signal);
    }
  }

  private arriveAtSeekTarget(targetMs: number): void {
    this.seekTargetMs = undefined;
    if (this.state === 'playing') this.timeline.runFrom(targetMs);
    else this.timeline.holdAt(targetMs);
  }

  /** While fast-forwarding, or at infinite speed, session time is where the messages are. */
  private positionMs(): number {
    const followsMessages = this.seekTargetMs !== undefined || this.timeline.speed === Infinity;
    if (this.state !== 'playing' || !followsMessages) return this.timeline.positionMs();
    return Math.max(this.lastOffsetMs, this.timeline.positionMs());
  }

  /** Wakes the loop from a sleep or a pause so it re-reads state, speed and seek target. */
  private interrupt(): void {
    this.wake.abort();
    this.wake = new AbortController();
  }
}
