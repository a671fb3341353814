import { type z } from 'zod';

import { configSchema as ingestionConfig } from '@slipstream/ingestion';
import { configSchema as gatewayConfig } from '@slipstream/live-gateway';
import { configSchema as normalizationConfig } from '@slipstream/normalization';
import { envInt } from '@slipstream/platform';
import { configSchema as projectionConfig } from '@slipstream/projection';
import { configSchema as replayConfig } from '@slipstream/telemetry-replay';

/** The union of the five services' variables; one HTTP port serves all their endpoints. */
export const configSchema = ingestionConfig
  .extend(replayConfig.shape)
  .extend(normalizationConfig.shape)
  .extend(projectionConfig.shape)
  .extend(gatewayConfig.shape)
  .extend({ HTTP_PORT: envInt(3000, 0, 65_535) });

export type AllInOneConfig = z.infer<typeof configSchema>;
