const F1_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?$/;

/**
 * Epoch milliseconds of an F1 UTC string, or undefined when it is not one. F1 writes 100 ns
 * ticks (`21:11:23.6023828Z`) and sometimes drops the `Z` while still meaning UTC; `Date.parse`
 * would read a `Z`-less value as local time, hence the explicit parse.
 */
export function parseF1Utc(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = F1_UTC.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const millis = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

export function toIsoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

const ARCHIVE_OFFSET = /^(\d{2}):(\d{2}):(\d{2})\.(\d{3})/;

/** Parses the 12-character `HH:MM:SS.mmm` prefix of an archive line. */
export function parseArchiveOffset(text: string): number | undefined {
  const match = ARCHIVE_OFFSET.exec(text);
  if (!match) return undefined;
  const [hours, minutes, seconds, millis] = match.slice(1).map(Number);
  if (minutes > 59 || seconds > 59) return undefined;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

export const ARCHIVE_OFFSET_LENGTH = 12;
