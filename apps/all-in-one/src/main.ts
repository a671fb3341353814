import { mountOpenApi, runService } from '@slipstream/platform';

import { AllInOneModule } from './all-in-one.module';
import { configSchema } from './config.schema';

runService({
  name: 'all-in-one',
  configSchema,
  rootModule: (config) => AllInOneModule.forRoot(config),
  configure: (app) =>
    mountOpenApi(app, 'slipstream', 'All services in one process: query API, replays, live feed.'),
});
