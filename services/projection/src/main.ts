import { runService } from '@slipstream/platform';

import { AppModule } from './app.module';
import { configSchema } from './config/config.schema';

runService({ name: 'projection', configSchema, rootModule: (config) => AppModule.forRoot(config) });
