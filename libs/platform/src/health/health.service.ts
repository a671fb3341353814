import { Injectable } from '@nestjs/common';

export type HealthCheck = () => Promise<{ ok: boolean; detail: string }>;

/** Readiness is the conjunction of the checks modules register (NATS, ClickHouse, …). */
@Injectable()
export class HealthService {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, { ok: boolean; detail: string }> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        const result = await withTimeout(check(), 2_000).catch((error: unknown) => ({
          ok: false,
          detail: error instanceof Error ? error.message : String(error),
        }));
        return [name, result] as const;
      }),
    );
    return { ready: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}
