import {
  LIVE_TOPIC_ACCESS_RESOURCE,
  liveTopicAccessNoticeSchema,
  LiveTopicAccessRecorded,
  type UnavailableTopic,
} from '@slipstream/contracts';

import { InvalidPatchError } from '../state';
import { draft, EventDraft } from './event-draft';

export function isLiveTopicAccessNotice(topic: string): boolean {
  return topic === LIVE_TOPIC_ACCESS_RESOURCE;
}

/**
 * The live ingest's notices of the topics it cannot receive. Every connection says it again, so
 * only a change makes an event: a reconnect repeating the same list yields nothing, a later
 * connection with a token (an empty list) clears it. Nothing is unavailable until a notice says so.
 */
export class LiveTopicAccess {
  private signature = '[]';
  private changes = 0;

  notice(sessionKey: number, payload: unknown): EventDraft[] {
    const parsed = liveTopicAccessNoticeSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidPatchError(
        LIVE_TOPIC_ACCESS_RESOURCE,
        issue?.path.join('.') ?? '',
        issue?.message ?? '',
      );
    }
    const { unavailableTopics } = parsed.data;
    const signature = JSON.stringify([...unavailableTopics].sort(byTopic));
    if (signature === this.signature) return [];
    this.signature = signature;
    this.changes += 1;
    return [draft(LiveTopicAccessRecorded, [this.changes], undefined, { sessionKey, unavailableTopics })];
  }
}

function byTopic(a: UnavailableTopic, b: UnavailableTopic): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0;
}
