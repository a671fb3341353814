import { describe, expect, it } from 'vitest';

import { createLogger, type LogDestination } from './logger';
import { readableLogLine } from './readable-log-line';

const TIME = '2026-03-15T14:03:07.512Z';

/** The time of day as the reader's terminal shows it, whatever the machine's time zone. */
function localTime(iso: string): string {
  const time = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}.${String(time.getMilliseconds()).padStart(3, '0')}`;
}

function jsonLine(fields: Record<string, unknown>): string {
  return `${JSON.stringify({ level: 'info', time: TIME, pid: 4242, service: 'all-in-one', ...fields })}\n`;
}

describe('readableLogLine', () => {
  it('shows time, level, context and message, then the other fields as key=value', () => {
    const line = jsonLine({ context: 'Replay', msg: 'replay finished', id: '9873', books: { read: 120 } });
    expect(readableLogLine(line)).toBe(
      `${localTime(TIME)} INFO  [Replay] replay finished id=9873 books={"read":120}\n`,
    );
  });

  it('quotes a string field that has spaces, and leaves out fields without a value', () => {
    const line = jsonLine({
      level: 'warn',
      msg: 'nak',
      consumer: 'RAW/normalization',
      err: 'downstream unavailable',
    });
    expect(readableLogLine(line)).toBe(
      `${localTime(TIME)} WARN  nak consumer=RAW/normalization err="downstream unavailable"\n`,
    );
    expect(readableLogLine(jsonLine({ msg: 'listening', context: undefined, stack: undefined }))).toBe(
      `${localTime(TIME)} INFO  listening\n`,
    );
  });

  it("puts an error's message on the line and its stack on the lines below", () => {
    const err = {
      type: 'Error',
      message: 'clickhouse unavailable',
      stack: 'Error: clickhouse unavailable\n    at insert (x.ts:1:1)',
    };
    expect(readableLogLine(jsonLine({ level: 'error', msg: 'batch failed', err }))).toBe(
      `${localTime(TIME)} ERROR batch failed err="clickhouse unavailable"\n` +
        '    Error: clickhouse unavailable\n' +
        '        at insert (x.ts:1:1)\n',
    );
  });

  it('colours the level only when asked', () => {
    expect(readableLogLine(jsonLine({ level: 'error', msg: 'x' }), { color: true })).toContain(
      '\x1b[31mERROR\x1b[39m x',
    );
  });

  it('passes a line that is not JSON through', () => {
    expect(readableLogLine('not json')).toBe('not json\n');
  });
});

describe('createLogger', () => {
  function destination(isTTY: boolean): LogDestination & { lines: string[] } {
    const lines: string[] = [];
    return { isTTY, lines, write: (line: string) => void lines.push(line) };
  }

  it('writes readable lines to a terminal', () => {
    const terminal = destination(true);
    createLogger('projection', 'info', terminal).info({ context: 'Rebuild', rows: 12 }, 'rebuilt');
    expect(terminal.lines).toHaveLength(1);
    expect(terminal.lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} .*INFO.* \[Rebuild\] rebuilt rows=12\n$/);
  });

  it('writes JSON lines anywhere else', () => {
    const pipe = destination(false);
    createLogger('projection', 'info', pipe).info({ context: 'Rebuild', rows: 12 }, 'rebuilt');
    expect(JSON.parse(pipe.lines[0])).toMatchObject({
      level: 'info',
      service: 'projection',
      context: 'Rebuild',
      rows: 12,
      msg: 'rebuilt',
    });
  });
});
