import { z } from 'zod';

import { defineEvent, EventOf, isoTimestamp } from '../envelope';
import { eventSubject } from '../subjects';

/*
 * Session facts that are media, not timing: kept apart from SESSION_EVENTS so that consumers of
 * the timing model (the live gateway's read model) need not know them; published on EVENTS like
 * the rest, under `f1.session.…`.
 */

/** A team radio clip the feed published (TeamRadio topic); `path` is relative to the session's archive. */
export const TeamRadioCaptured = defineEvent(
  'TeamRadioCaptured',
  1,
  z.object({
    sessionKey: z.number().int().positive(),
    driverNumber: z.number().int().nonnegative(),
    /** Index in the feed's capture list; stable for the whole session. */
    captureIndex: z.number().int().nonnegative(),
    capturedAt: isoTimestamp,
    path: z.string().min(1),
  }),
);

export type TeamRadioCapturedEvent = EventOf<typeof TeamRadioCaptured>;

/** `f1.session.team_radio_captured.<sessionKey>.<driver>`. */
export function teamRadioSubject(event: TeamRadioCapturedEvent): string {
  return eventSubject('session', 'team_radio_captured', event.data.sessionKey, event.data.driverNumber);
}
