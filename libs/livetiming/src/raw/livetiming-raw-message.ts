import {
  contentHash,
  LIVE_TOPIC_ACCESS_RESOURCE,
  type LivetimingOrigin,
  type LiveTopicAccessNotice,
  type RawRecordInput,
  rawSubjects,
} from '@slipstream/contracts';

import { isCompressedTopic } from '../formats/compressed-payload';
import { type TopicMessage } from '../formats/topic-message';

export interface LivetimingRawMessage {
  subject: string;
  msgId: string;
  record: RawRecordInput;
}

/**
 * What a replay and the live ingest both write to RAW for one feed message, so normalization cannot
 * tell them apart. `.z` topics keep their compressed base64 text, exactly as F1 sent it.
 */
export function toLivetimingRawMessage(
  sessionKey: number | string,
  message: TopicMessage,
  origin: LivetimingOrigin,
): LivetimingRawMessage {
  const payload =
    isCompressedTopic(message.topic) && message.raw !== undefined ? JSON.parse(message.raw) : message.payload;
  const receivedAt = message.timestamp ?? new Date().toISOString();
  const position = message.offsetMs ?? message.timestamp ?? '';
  return {
    subject: rawSubjects.livetiming(sessionKey, message.topic),
    // Same session, topic, position and content: the same message, whichever run published it.
    msgId: `livetiming:${sessionKey}:${message.topic}:${position}:${contentHash(payload)}`,
    record: {
      source: 'livetiming',
      resource: message.topic,
      key: String(sessionKey),
      receivedAt,
      meta: { sessionKey: String(sessionKey), offsetMs: message.offsetMs, origin },
      payload,
    },
  };
}

/**
 * The live ingest's notice of the topics it cannot receive in this session, on the session's RAW
 * subjects beside F1's topics (`at`: the time of the session's first message on this connection).
 * A publish retried gets the same message id; a later connection's notice is a new message, which
 * normalization records only when the list changed.
 */
export function toLiveTopicAccessRawMessage(
  sessionKey: number | string,
  notice: LiveTopicAccessNotice,
  at: string,
): LivetimingRawMessage {
  return toLivetimingRawMessage(
    sessionKey,
    { topic: LIVE_TOPIC_ACCESS_RESOURCE, timestamp: at, payload: notice, line: 0 },
    'live',
  );
}
