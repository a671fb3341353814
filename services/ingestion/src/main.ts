import { mountOpenApi, runService } from '@slipstream/platform';

import { AppModule } from './app.module';
import { configSchema } from './config/config.schema';

runService({
  name: 'ingestion',
  configSchema,
  rootModule: (config) => AppModule.forRoot(config),
  configure: (app) =>
    mountOpenApi(app, 'slipstream ingestion', 'Jolpica/Ergast history and the F1 live feed into RAW.'),
});
