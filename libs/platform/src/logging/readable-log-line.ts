/** Fields every line carries, or that the line's head shows: not repeated as `key=value`. */
const HEAD_FIELDS = new Set(['time', 'level', 'msg', 'context', 'service', 'pid', 'hostname', 'stack']);

const LEVEL_COLORS: Record<string, number> = {
  trace: 90,
  debug: 90,
  info: 32,
  warn: 33,
  error: 31,
  fatal: 35,
};

/**
 * One of pino's JSON lines as a person at a terminal reads it:
 * `14:03:07.512 INFO  [Replay] replay finished id=9873 books={"read":120}`. A stack, when there is
 * one, follows on its own lines: it is what an error at a terminal is read for. A line that is not
 * JSON is passed through.
 */
export function readableLogLine(line: string, options: { color?: boolean } = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = String(entry.level ?? 'info');
  const label = level.toUpperCase().padEnd(5);
  const head = [
    typeof entry.time === 'string' ? timeOfDay(entry.time) : undefined,
    options.color && LEVEL_COLORS[level] ? `\x1b[${LEVEL_COLORS[level]}m${label}\x1b[39m` : label,
    typeof entry.context === 'string' ? `[${entry.context}]` : undefined,
    entry.msg === undefined ? undefined : String(entry.msg),
  ];
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HEAD_FIELDS.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${fieldValue(key, value)}`);
  const stack = typeof entry.stack === 'string' ? entry.stack : errorStack(entry.err);
  const text = [...head, ...fields].filter((part) => part !== undefined).join(' ');
  return stack ? `${text}\n${indent(stack)}\n` : `${text}\n`;
}

/** Local time of day to the millisecond: the date is the same on every line of a session. */
function timeOfDay(iso: string): string | undefined {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}.${String(time.getMilliseconds()).padStart(3, '0')}`;
}

function fieldValue(key: string, value: unknown): string {
  // pino serializes an error as { type, message, stack }: the message is what belongs on the line.
  if (key === 'err' && typeof value === 'object' && value !== null && 'message' in value)
    return JSON.stringify(String(value.message));
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

function errorStack(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'stack' in err && typeof err.stack === 'string'
    ? err.stack
    : undefined;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
