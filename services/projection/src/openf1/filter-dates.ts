import { echo, FilterError } from './filter-error';

/** A date-time, or a whole day when the value named no time (OpenF1 widens those to the day). */
export type DateValue = { kind: 'number'; value: number } | { kind: 'day'; start: number; end: number };

const DAY_MS = 86_400_000;

/*
 * The forms OpenF1's documentation and clients write (it reads dates with dateutil): a date, or a
 * date and time with `T` or a space, to the hour, minute, second or fraction; UTC unless an offset
 * follows (`Z`, `+02:00`, `+0200`, `+02`). A form-encoded `+` arrives as a space, so a trailing
 * ` 02:00` after a time is read as `+02:00`, as OpenF1 does.
 */
const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z|[+ -]\d{2}(?::?\d{2})?)?$/i;

const FORMS = 'YYYY-MM-DD or YYYY-MM-DDTHH[:MM[:SS[.sss]]][Z|±HH[:MM]]';

/** A date or date-time to epoch milliseconds; a date alone to the whole day in UTC (or its offset). */
export function parseDate(attribute: string, text: string): DateValue {
  const match = DATE.exec(text.trim());
  if (!match) throw new FilterError(attribute, `${echo(text)} is not a date (${FORMS})`);
  const [, year, month, day, hour, minute = '00', second = '00', fraction = '', zone] = match;
  if (zone?.startsWith(' ') && hour === undefined)
    throw new FilterError(attribute, `${echo(text)} is not a date (${FORMS})`);
  if (
    !isRealDate(Number(year), Number(month), Number(day), Number(hour ?? 0), Number(minute), Number(second))
  )
    throw new FilterError(attribute, `${echo(text)} is not a valid date`);
  const offsetMs = zoneOffsetMs(zone);
  const local = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour ?? 0),
    Number(minute),
    Number(second),
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  const start = local - offsetMs;
  return hour === undefined ? { kind: 'day', start, end: start + DAY_MS } : { kind: 'number', value: start };
}

/** Rejects what Date would roll over: 2025-02-30 is not March 2nd, 24:00 is not tomorrow. */
function isRealDate(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}
