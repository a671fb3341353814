import { backoffDelay, sleep } from './backoff';
import { describeError } from './errors';

/**
 * What this process still waits for in JetStream: streams and consumers that are not provisioned
 * yet. A service starts against a NATS without them (in Kubernetes the provisioning Job may run after
 * the pods start), reports not ready while anything is missing, and becomes ready without a restart.
 */
export class JetStreamReadiness {
  private readonly waiting = new Map<string, string>();

  waitingFor(name: string, reason: string): void {
    this.waiting.set(name, reason);
  }

  attached(name: string): void {
    this.waiting.delete(name);
  }

  check(): { ok: boolean; detail: string } {
    if (this.waiting.size === 0) return { ok: true, detail: 'streams and consumers attached' };
    const missing = [...this.waiting].map(([name, reason]) => `${name}: ${reason}`);
    return { ok: false, detail: `waiting for ${missing.join('; ')}` };
  }
}

export interface AttachOptions {
  /** Name in readiness and logs, e.g. "EVENTS/projection-historical". */
  name: string;
  readiness?: JetStreamReadiness;
  signal?: AbortSignal;
  /** Called on each failed attempt; the first and then every tenth are worth a log line. */
  onWaiting?: (attempt: number, error: string, retryInMs: number) => void;
  baseMs?: number;
  maxMs?: number;
}

/**
 * Runs `attempt` until it succeeds, with exponential backoff (capped, jittered), marking `name` not
 * ready meanwhile. Resolves undefined when `signal` aborts first.
 */
export async function attachWhenAvailable<T>(
  attempt: () => Promise<T>,
  options: AttachOptions,
): Promise<T | undefined> {
  const { name, readiness, signal } = options;
  readiness?.waitingFor(name, 'not attached yet');
  for (let tries = 1; !signal?.aborted; tries++) {
    try {
      const result = await attempt();
      readiness?.attached(name);
      return result;
    } catch (error) {
      const reason = describeError(error);
      readiness?.waitingFor(name, reason);
      const delay = backoffDelay(tries, options.baseMs ?? 250, options.maxMs ?? 10_000);
      options.onWaiting?.(tries, reason, delay);
      await sleep(delay, signal);
    }
  }
  return undefined;
}
