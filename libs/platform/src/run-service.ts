import 'reflect-metadata';

import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type z } from 'zod';

import { type BaseConfig } from './config/env-schemas';
import { ConfigError, loadConfig } from './config/load-config';
import { bodyTimeout } from './http/body-timeout';
import { ClientErrorFilter } from './http/client-error.filter';
import { createLogger, PinoNestLogger } from './logging/logger';
import { MetricsService } from './metrics/metrics.service';
import { httpRateLimit, type HttpRateLimitOptions } from './rate-limit/http-rate-limit';

export interface ServiceDefinition<TSchema extends z.ZodType> {
  name: string;
  configSchema: TSchema;
  rootModule: (config: z.infer<TSchema>) => DynamicModule;
  /** Runs after the HTTP server listens (e.g. mount Swagger, Socket.io adapters). */
  configure?: (app: INestApplication, config: z.infer<TSchema>) => void | Promise<void>;
}

/** Creates the application: config validated first, JSON logs, shutdown hooks. Does not exit on errors. */
export async function createService<TSchema extends z.ZodType>(
  definition: ServiceDefinition<TSchema>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ app: INestApplication; config: z.infer<TSchema> & BaseConfig }> {
  const config = loadConfig(definition.configSchema, env) as z.infer<TSchema> & BaseConfig;
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const app = await NestFactory.create(definition.rootModule(config), {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.enableShutdownHooks();
  app.useGlobalFilters(new ClientErrorFilter(app.getHttpAdapter()));
  app.use(bodyTimeout(logger));
  if (config.RATE_LIMIT_ENABLED) app.use(httpRateLimit(rateLimitOptions(config, app)));
  await definition.configure?.(app, config);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.info({ port: config.HTTP_PORT, host: config.HTTP_HOST }, `${definition.name} listening`);
  return { app, config };
}

/** `main.ts` calls this: a bad configuration or a failed start prints why and exits non-zero. */
export function runService<TSchema extends z.ZodType>(definition: ServiceDefinition<TSchema>): void {
  createService(definition)
    .then(({ app, config }) => {
      // If a dependency hangs during shutdown, do not hang forever: the orchestrator would SIGKILL anyway.
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          setTimeout(() => {
            process.stderr.write(
              `${definition.name}: shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms, exiting\n`,
            );
            process.exit(1);
          }, config.SHUTDOWN_TIMEOUT_MS).unref();
        });
      }
      return app;
    })
    .catch((error: unknown) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`${definition.name}: ${error.message}\n`);
      } else {
        process.stderr.write(
          `${definition.name}: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
        );
      }
      process.exit(1);
    });
}

/** The HTTP limit from the validated config; refusals are counted on `/metrics` when the app has it. */
function rateLimitOptions(config: BaseConfig, app: INestApplication): HttpRateLimitOptions {
  let metrics: MetricsService | undefined;
  try {
    metrics = app.get(MetricsService, { strict: false });
  } catch {
    metrics = undefined;
  }
  const limited = metrics?.counter(
    'slipstream_http_rate_limited_total',
    'HTTP requests refused with 429 by the rate limit',
    [],
  );
  return {
    perSecond: config.RATE_LIMIT_PER_SECOND,
    burst: config.RATE_LIMIT_BURST,
    trustedProxyHops: config.RATE_LIMIT_TRUSTED_PROXY_HOPS,
    onLimited: () => limited?.inc(),
  };
}
