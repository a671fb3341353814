import { type FeedStream, type FeedTopic } from '@slipstream/contracts';

import { type SessionSnapshot } from '../session-state/session-snapshot';

interface SubscribeAccepted {
  ok: true;
  sessionKey: number;
  /** The topics now subscribed, `session` included. */
  topics: FeedTopic[];
  drivers: number[] | null;
  /** Where the client stands once this reply and any catch-up frames are applied. */
  sequences: Record<FeedStream, number>;
}

/** `snapshot`: start from `snapshot`; `resume`: `replayed` missed items follow as `delta` frames. */
export type SubscribeReply =
  | (SubscribeAccepted & { mode: 'snapshot'; snapshot: SessionSnapshot; resumeRefused?: string })
  | (SubscribeAccepted & { mode: 'resume'; replayed: number });
