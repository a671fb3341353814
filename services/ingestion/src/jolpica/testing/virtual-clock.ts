import { type Clock } from '@slipstream/contracts';

/** A clock whose sleeps pass instantly, recorded, so rate limits and backoff are tested without waiting. */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  private time = 0;

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}
