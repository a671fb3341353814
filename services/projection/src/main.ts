import { mountOpenApi, runService } from '@slipstream/platform';

import { AppModule } from './app.module';
import { configSchema } from './config/config.schema';

runService({
  name: 'projection',
  configSchema,
  rootModule: (config) => AppModule.forRoot(config),
  configure: (app) =>
    mountOpenApi(
      app,
      'slipstream query API',
      'Read models of F1 history and sessions: REST with filters, pagination, JSON and CSV.',
    ),
});
