/**
 * Prints progress of long work at most every `intervalMs`: counts, rate and an ETA when the
 * total is known. Writes to stderr so stdout stays clean for scripts.
 */
export class ProgressReporter {
  private readonly startedAt = Date.now();
  private lastPrintAt = 0;

  constructor(
    private readonly label: string,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly intervalMs = 2_000,
  ) {}

  update(done: number, total: number | undefined, detail = '', force = false): void {
    const now = Date.now();
    if (!force && now - this.lastPrintAt < this.intervalMs) return;
    this.lastPrintAt = now;
    const elapsedS = (now - this.startedAt) / 1000;
    const rate = elapsedS > 0 ? done / elapsedS : 0;
    const eta = total !== undefined && rate > 0 ? ` ETA ${formatDuration((total - done) / rate)}` : '';
    const of = total !== undefined ? `/${total}` : '';
    this.write(
      `[${this.label}] ${done}${of} (${rate.toFixed(1)}/s, ${formatDuration(elapsedS)})${eta}${detail ? ` ${detail}` : ''}`,
    );
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(s % 60).padStart(2, '0')}s`
      : `${s % 60}s`;
}
