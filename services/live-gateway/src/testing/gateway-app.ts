import { type INestApplication } from '@nestjs/common';

import { createService } from '@slipstream/platform';

import { AppModule } from '../app.module';
import { configSchema } from '../config/config.schema';

export interface RunningGateway {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Boots the live-gateway service as `main.ts` does, on a free port, against the given NATS. */
export async function startGateway(
  natsUrl: string,
  env: Record<string, string> = {},
): Promise<RunningGateway> {
  const { app } = await createService(
    { name: 'live-gateway', configSchema, rootModule: (config) => AppModule.forRoot(config) },
    {
      NATS_URL: natsUrl,
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      GATEWAY_TICK_MS: '50',
      GATEWAY_EARLY_FLUSH_MS: '10',
      ...env,
    },
  );
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
