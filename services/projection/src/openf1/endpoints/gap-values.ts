/**
 * OpenF1 writes a gap as seconds (a number) or, when lapped, as text such as `+1 LAP`; the leader's
 * own gap is 0. The read model keeps both readings, so this only chooses between them.
 */
export function gapValue(seconds: unknown, laps: unknown, text: unknown): number | string | null {
  if (typeof seconds === 'number') return seconds;
  if (typeof laps === 'number') return `+${laps} LAP${laps === 1 ? '' : 'S'}`;
  if (typeof text === 'string' && /^LAP\s*\d+$/i.test(text.trim())) return 0;
  return null;
}

/** A gap as the classification shows it (`+1.234`, `1L`, `LAP 18`, ``) in OpenF1's form. */
export function gapFromText(text: unknown): number | string | null {
  if (typeof text !== 'string') return null;
  const time = /^\+?(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (time) return Number(time[1]);
  const laps = /^\+?(\d+)\s*L(?:APS?)?$/i.exec(text.trim());
  return gapValue(null, laps ? Number(laps[1]) : null, text);
}
