import { type z } from 'zod';

import { consumerConfigSchema, serviceConfigSchema } from '@slipstream/platform';

/** Environment variables normalization reads; validated at start-up. */
export const configSchema = serviceConfigSchema({ ...consumerConfigSchema.shape }, 3003);

export type NormalizationConfig = z.infer<typeof configSchema>;
