/**
 * Published times are text in several shapes (`1:34:50.616`, `1:27.452`, `26.898`); slipstream
 * stores milliseconds so the same time reads the same whichever source wrote it. Integer
 * arithmetic on the parts, because `87.452 * 1000` is not exactly 87452 in floating point.
 */
export function parseDurationMs(text: string): number | null {
  const match = /^(?:(\d+):)?(?:(\d+):)?(\d+)(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const [, first, second, seconds, fraction = ''] = match;
  const hours = second === undefined ? 0 : Number(first);
  const minutes = second === undefined ? Number(first ?? 0) : Number(second);
  if (Number(seconds) >= 60 && (first !== undefined || second !== undefined)) return null;
  const millis = Number(fraction.padEnd(3, '0'));
  return ((hours * 60 + minutes) * 60 + Number(seconds)) * 1000 + millis;
}

/** The instant of a race-weekend fact: the date at its UTC time, or midnight UTC when no time was published. */
export function utcInstant(date: string, time: string | null): string {
  return `${date}T${time ?? '00:00:00'}.000Z`;
}
