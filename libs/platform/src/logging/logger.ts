import { type LoggerService } from '@nestjs/common';
import pino, { type Logger, type LoggerOptions } from 'pino';

import { readableLogLine } from './readable-log-line';

/** Where log lines go: standard output unless a test says otherwise. */
export interface LogDestination {
  write(line: string): unknown;
  isTTY?: boolean;
}

/**
 * JSON lines, for collectors and pipes; readable lines when a person is watching (standard output is
 * a terminal, as under `npm start`). `NO_COLOR` turns their colours off.
 */
export function createLogger(
  service: string,
  level: string,
  destination: LogDestination = process.stdout,
): Logger {
  const options: LoggerOptions = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (destination.isTTY) {
    const color = !process.env.NO_COLOR;
    return pino(options, { write: (line: string) => destination.write(readableLogLine(line, { color })) });
  }
  // pino's own writer for standard output (synchronous, so the last lines before an exit are kept).
  return destination === process.stdout ? pino(options) : pino(options, destination);
}

/** NestJS's logger contract on top of pino, so framework and application logs are the same lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    params: unknown[],
  ) {
    // Nest passes the context (the logger's name) as the last string argument.
    const context =
      typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    const stack =
      level === 'error' && typeof params[0] === 'string' && params.length > 1 ? params[0] : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.logger[level]({ context, ...fields, stack }, typeof msg === 'string' ? msg : undefined);
    } else {
      this.logger[level]({ context, stack }, String(message));
    }
  }
}
