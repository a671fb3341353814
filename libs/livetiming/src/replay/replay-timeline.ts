import { type Clock } from '@slipstream/contracts';

/**
 * Maps session time (the recording's offsets) to clock time. Anchoring on a (clock, session)
 * pair instead of summing per-message waits keeps long replays from drifting by the time spent
 * delivering, and lets pause and speed changes resume exactly where session time stood.
 */
export class ReplayTimeline {
  private anchor = { clockMs: 0, sessionMs: 0 };
  private running = false;

  constructor(
    private readonly clock: Clock,
    private currentSpeed: number,
  ) {
    validSpeed(currentSpeed);
  }

  get speed(): number {
    return this.currentSpeed;
  }

  /** Session time now. At infinite speed time only moves with the messages, so the anchor is reported. */
  positionMs(): number {
    if (!this.running || this.currentSpeed === Infinity) return this.anchor.sessionMs;
    return this.anchor.sessionMs + (this.clock.now() - this.anchor.clockMs) * this.currentSpeed;
  }

  runFrom(sessionMs: number): void {
    this.anchor = { clockMs: this.clock.now(), sessionMs };
    this.running = true;
  }

  holdAt(sessionMs: number): void {
    this.anchor = { clockMs: this.clock.now(), sessionMs };
    this.running = false;
  }

  /** Changes speed without moving session time. */
  setSpeed(speed: number, sessionMs = this.positionMs()): void {
    this.currentSpeed = validSpeed(speed);
    this.anchor = { clockMs: this.clock.now(), sessionMs };
  }

  /** Clock milliseconds until `offsetMs` is due; Infinity while held. */
  msUntil(offsetMs: number): number {
    if (!this.running) return Infinity;
    return this.anchor.clockMs + (offsetMs - this.anchor.sessionMs) / this.currentSpeed - this.clock.now();
  }
}

function validSpeed(speed: number): number {
  if (!(speed > 0))
    throw new RangeError(`speed must be > 0 (Infinity for as fast as possible), got ${speed}`);
  return speed;
}
