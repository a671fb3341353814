import { runService } from '@slipstream/platform';

import { AppModule } from './app.module';
import { configSchema } from './config/config.schema';

runService({ name: 'live-gateway', configSchema, rootModule: (config) => AppModule.forRoot(config) });
