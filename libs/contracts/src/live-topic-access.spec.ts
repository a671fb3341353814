import { describe, expect, it } from 'vitest';

import { createEvent } from './envelope';
import { sessionEventSubject } from './events/session';
import { liveTopicAccessNoticeSchema, LiveTopicAccessRecorded } from './live-topic-access';

const metadata = {
  id: '00000000-0000-5000-8000-000000000001',
  occurredAt: '2025-10-25T21:00:00.000Z',
  recordedAt: '2025-10-25T21:00:00.000Z',
  source: 'livetiming' as const,
  correlationId: 'live-9873',
};

describe('live topic access', () => {
  it('a notice names each topic with its reason; an empty list is every topic received', () => {
    const notice = { unavailableTopics: [{ topic: 'CarData.z', reason: 'no_token' }] };
    expect(liveTopicAccessNoticeSchema.parse(notice)).toEqual(notice);
    expect(liveTopicAccessNoticeSchema.parse({ unavailableTopics: [] })).toEqual({ unavailableTopics: [] });
  });

  it('refuses a notice without a known reason or a topic', () => {
    expect(
      liveTopicAccessNoticeSchema.safeParse({ unavailableTopics: [{ topic: 'CarData.z', reason: 'x' }] })
        .success,
    ).toBe(false);
    expect(
      liveTopicAccessNoticeSchema.safeParse({ unavailableTopics: [{ topic: '', reason: 'no_token' }] })
        .success,
    ).toBe(false);
    expect(liveTopicAccessNoticeSchema.safeParse({}).success).toBe(false);
  });

  it('the event carries the envelope and goes to the session subject', () => {
    const event = createEvent(LiveTopicAccessRecorded, {
      ...metadata,
      data: { sessionKey: 9873, unavailableTopics: [{ topic: 'Position.z', reason: 'no_token' }] },
    });
    expect(event).toMatchObject({ type: 'LiveTopicAccessRecorded', version: 1, causationId: null });
    expect(sessionEventSubject(event)).toBe('f1.session.live_topic_access_recorded.9873');
    expect(() =>
      createEvent(LiveTopicAccessRecorded, { ...metadata, data: { sessionKey: 0, unavailableTopics: [] } }),
    ).toThrow();
  });
});
