import { parseDurationMs } from './race-times';

/** A source record slipstream cannot turn into events; the caller dead-letters it with this message. */
export class InvalidSourceRecordError extends Error {
  constructor(
    readonly where: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${where}: field "${field}" ${problem}`);
    this.name = 'InvalidSourceRecordError';
  }
}

/**
 * Reads typed fields from a record whose values are strings (CSV cells, Jolpica's stringly JSON).
 * Ergast's `\N`, an empty string and an absent field all mean "no value"; anything that is present
 * but malformed throws naming the field, because guessing would put a wrong fact in the store.
 */
export class SourceFields {
  constructor(
    private readonly where: string,
    private readonly record: unknown,
  ) {}

  /** Dotted paths reach into nested objects: `Driver.driverId`, `FastestLap.Time.time`. */
  raw(path: string): unknown {
    let value: unknown = this.record;
    for (const key of path.split('.')) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }

  optionalText(path: string): string | null {
    const value = this.raw(path);
    if (value === undefined || value === null) return null;
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') this.fail(path, `must be text, got ${JSON.stringify(value)}`);
    const trimmed = value.trim();
    return trimmed === '' || trimmed === '\\N' ? null : trimmed;
  }

  text(path: string): string {
    return this.required(path, this.optionalText(path));
  }

  optionalInt(path: string): number | null {
    const value = this.optionalText(path);
    if (value === null) return null;
    if (!/^-?\d+$/.test(value)) this.fail(path, `must be an integer, got "${value}"`);
    return Number(value);
  }

  int(path: string): number {
    return this.required(path, this.optionalInt(path));
  }

  optionalNumber(path: string): number | null {
    const value = this.optionalText(path);
    if (value === null) return null;
    if (!/^-?\d+(\.\d+)?$/.test(value)) this.fail(path, `must be a number, got "${value}"`);
    return Number(value);
  }

  number(path: string): number {
    return this.required(path, this.optionalNumber(path));
  }

  /** `1:27.452`, `1:34:50.616` or `26.898` as milliseconds. */
  optionalDurationMs(path: string): number | null {
    const value = this.optionalText(path);
    if (value === null) return null;
    const ms = parseDurationMs(value);
    if (ms === null) this.fail(path, `must be a duration like 1:27.452, got "${value}"`);
    return ms;
  }

  durationMs(path: string): number {
    return this.required(path, this.optionalDurationMs(path));
  }

  optionalDate(path: string): string | null {
    const value = this.optionalText(path);
    if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value))
      this.fail(path, `must be a date YYYY-MM-DD, got "${value}"`);
    return value;
  }

  date(path: string): string {
    return this.required(path, this.optionalDate(path));
  }

  /** `15:00:00` (Ergast) or `15:00:00Z` (Jolpica), both UTC, as `HH:MM:SS`. */
  optionalUtcTime(path: string): string | null {
    const value = this.optionalText(path);
    if (value === null) return null;
    const match = /^(\d{2}:\d{2}:\d{2})Z?$/.exec(value);
    if (!match) this.fail(path, `must be a time HH:MM:SS, got "${value}"`);
    return match[1];
  }

  fail(path: string, problem: string): never {
    throw new InvalidSourceRecordError(this.where, path, problem);
  }

  private required<T>(path: string, value: T | null): T {
    if (value === null) this.fail(path, 'is missing');
    return value;
  }
}
