import { z } from 'zod';

import { defineEvent, EventOf } from './envelope';

/*
 * Which live-timing topics a live ingest cannot receive, and why. The ingest writes a notice to the
 * session's RAW subjects (`raw.livetiming.<sessionKey>.LiveTopicAccess`) when it learns the session;
 * normalization turns a change of it into `LiveTopicAccessRecorded`, which the live feed keeps in
 * the session's status. An empty list says every topic arrives (a connection with a token).
 */

/** The RAW resource of the notice: not an F1 topic, so no recording or archive carries it. */
export const LIVE_TOPIC_ACCESS_RESOURCE = 'LiveTopicAccess';

/** `no_token`: connected without an F1 TV token, and F1 sends the topic only to subscribers. */
export const topicUnavailableReasonSchema = z.enum(['no_token']);

export const unavailableTopicSchema = z.object({
  /** As F1 spells it, e.g. `CarData.z`. */
  topic: z.string().min(1),
  reason: topicUnavailableReasonSchema,
});

/** The notice's RAW payload. */
export const liveTopicAccessNoticeSchema = z.object({
  unavailableTopics: z.array(unavailableTopicSchema),
});

/** What a session's live ingest could not receive, from its latest notice that changed it. */
export const LiveTopicAccessRecorded = defineEvent(
  'LiveTopicAccessRecorded',
  1,
  z.object({
    sessionKey: z.number().int().positive(),
    unavailableTopics: z.array(unavailableTopicSchema),
  }),
);

export type TopicUnavailableReason = z.infer<typeof topicUnavailableReasonSchema>;
export type UnavailableTopic = z.infer<typeof unavailableTopicSchema>;
export type LiveTopicAccessNotice = z.infer<typeof liveTopicAccessNoticeSchema>;
export type LiveTopicAccessRecordedEvent = EventOf<typeof LiveTopicAccessRecorded>;
