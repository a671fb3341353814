import { mountOpenApi, runService } from '@slipstream/platform';

import { AppModule } from './app.module';
import { configSchema } from './config/config.schema';

runService({
  name: 'telemetry-replay',
  configSchema,
  rootModule: (config) => AppModule.forRoot(config),
  configure: (app) =>
    mountOpenApi(
      app,
      'slipstream telemetry-replay',
      'Replays recorded live-timing sessions onto the RAW subjects.',
    ),
});
