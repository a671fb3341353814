import { App } from 'cdktf';

import { backendFromEnv } from './backend';
import { SlipstreamStack } from './stack';

const app = new App();
new SlipstreamStack(app, 'slipstream', { backend: backendFromEnv() });
app.synth();
