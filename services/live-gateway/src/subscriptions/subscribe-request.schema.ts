import { z } from 'zod';

import { FEED_TOPICS } from '@slipstream/contracts';

/** Highest number of cars a driver filter may name: a grid is 20-22, reserves included. */
const MAX_DRIVERS = 30;

const streamPosition = z
  .object({
    stream: z.enum(['EVENTS', 'TELEMETRY']),
    /** The last stream sequence the client received (an item's `seq` or a snapshot's `sequences`). */
    sequence: z.number().int().nonnegative(),
  })
  .strict();

/** `subscribe`: a session, the topics wanted, optionally some cars, optionally where to resume from. */
export const subscribeRequestSchema = z
  .object({
    sessionKey: z.number().int().positive(),
    topics: z.array(z.enum(FEED_TOPICS)).min(1).max(FEED_TOPICS.length),
    drivers: z.array(z.number().int().nonnegative().max(999)).min(1).max(MAX_DRIVERS).optional(),
    resumeFrom: z.union([streamPosition, z.array(streamPosition).min(1).max(2)]).optional(),
  })
  .strict();

export const unsubscribeRequestSchema = z.object({ sessionKey: z.number().int().positive() }).strict();

export type StreamPosition = z.infer<typeof streamPosition>;
